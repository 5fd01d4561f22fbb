import { describe, expect, it } from 'vitest';
import { parseHandle, parsePeople, PeopleError } from '../../src/import/team/people.ts';

// Each cell below is copied from an upstream release team file (version noted).
describe('parsePeople', () => {
  it('reads the current style, dropping Slack IDs that contain spaces', () => {
    expect(
      parsePeople(
        'Drew Hagen ([@drewhagen](https://github.com/drewhagen) / Slack: `@Drew Hagen`), Frederico Munoz ([@fsmunoz](https://github.com/fsmunoz) / Slack: `@fsmunoz`)',
      ),
    ).toEqual([
      { name: 'Drew Hagen', github: 'drewhagen' },
      { name: 'Frederico Munoz', github: 'fsmunoz' },
    ]);
  });

  it('keeps Slack IDs with commas or parentheses out of the names (1.34)', () => {
    expect(
      parsePeople(
        'ChengHao Yang ([@tico88612](https://github.com/tico88612), Slack: `@ChengHao Yang (tico88612)`), YuJen Huang ([@yujen77300](https://github.com/yujen77300), Slack: `@YuJen Huang(Dylan)`)',
      ),
    ).toEqual([
      { name: 'ChengHao Yang', github: 'tico88612' },
      { name: 'YuJen Huang', github: 'yujen77300' },
    ]);
  });

  it('reads a plain handle in parentheses (1.7) and "@handle" without a link (1.10)', () => {
    expect(parsePeople('Dawn Chen (dchen1107)')).toEqual([{ name: 'Dawn Chen', github: 'dchen1107' }]);
    expect(parsePeople('Natasha Woods (@nwoods)')).toEqual([{ name: 'Natasha Woods', github: 'nwoods' }]);
  });

  it('splits names separated by "/" when they have no handles (1.10)', () => {
    expect(parsePeople("Kaitlyn Barnard / Caitlyn O'Connell")).toEqual([
      { name: 'Kaitlyn Barnard', github: null },
      { name: "Caitlyn O'Connell", github: null },
    ]);
  });

  it('ignores a "/" between a name and its parentheses (1.17)', () => {
    expect(
      parsePeople(
        'Nikolaos Moraitis / ([@droslean](https://github.com/droslean) / Slack: `@droslean`), Aditya Sharma / ([@epk](https://github.com/epk) / Slack: `@Aditya`)',
      ),
    ).toEqual([
      { name: 'Nikolaos Moraitis', github: 'droslean' },
      { name: 'Aditya Sharma', github: 'epk' },
    ]);
  });

  it('separates people when the comma between them is missing (1.14)', () => {
    expect(
      parsePeople(
        'Loic LE DRU ([@lledru](https://github.com/lledru)) Arnaud Meukam ([@ameukam](https://github.com/ameukam))',
      ),
    ).toEqual([
      { name: 'Loic LE DRU', github: 'lledru' },
      { name: 'Arnaud Meukam', github: 'ameukam' },
    ]);
  });

  it('prefers the profile URL over link text that is really a Slack name (1.14)', () => {
    expect(parsePeople('Nicholas Lane ([@soggy](https://github.com/soggiest))')).toEqual([
      { name: 'Nicholas Lane', github: 'soggiest' },
    ]);
  });

  it('takes the handle from link text when the link is not a profile URL (1.32)', () => {
    expect(parsePeople('ChengHao Yang ([@tico88612](tico88612) / Slack: `@tico88612`)')).toEqual([
      { name: 'ChengHao Yang', github: 'tico88612' },
    ]);
  });

  it('reads "@" written outside the link (1.29) and a handle link without "@" (1.28)', () => {
    expect(
      parsePeople('Oluebube Princess Egbuna (@[Princesso](https://github.com/Princesso) / Slack: `@Bube`)'),
    ).toEqual([{ name: 'Oluebube Princess Egbuna', github: 'Princesso' }]);
    expect(parsePeople('Mofi Rahman ([moficodes](https://github.com/moficodes) / Slack: `@mofi`)')).toEqual([
      { name: 'Mofi Rahman', github: 'moficodes' },
    ]);
  });

  it('treats N/A, TBD, "--" and an empty cell as nobody', () => {
    for (const cell of ['N/A', 'TBD', '--', '', '  ']) expect(parsePeople(cell)).toEqual([]);
  });

  it('ignores a trailing comma (1.32)', () => {
    expect(parsePeople('William Rizzo ([@wrkode](https://github.com/wrkode) / Slack: `@Will-I-Am`),')).toEqual([
      { name: 'William Rizzo', github: 'wrkode' },
    ]);
  });

  it('rejects an entry with a handle but no name', () => {
    expect(() => parsePeople('Drew Hagen (@drewhagen), ([@x](https://github.com/x))')).toThrow(PeopleError);
  });
});

describe('parseHandle', () => {
  it('reads plain, "@"-prefixed and linked handles', () => {
    expect(parseHandle('ethernetdan')).toBe('ethernetdan');
    expect(parseHandle('@steve_k')).toBe('steve_k');
    expect(parseHandle('[@enisoc](https://github.com/enisoc)')).toBe('enisoc');
    expect(parseHandle('')).toBeNull();
  });
});
