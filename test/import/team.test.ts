import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Team, type TeamRole } from '../../src/domain/team.ts';
import { ImportError } from '../../src/import/errors.ts';
import { parseTeam } from '../../src/import/team.ts';

const FIXTURES = new URL('../fixtures/sig-release/', import.meta.url);

function fixtureTeam(version: string, file: 'release-team.md' | 'release_team.md'): Team | null {
  const markdown = readFileSync(new URL(`release-${version}/${file}`, FIXTURES), 'utf8');
  return parseTeam({ version, path: `releases/release-${version}/${file}`, markdown });
}

function teamOf(version: string, file: 'release-team.md' | 'release_team.md'): Team {
  const team = fixtureTeam(version, file);
  if (!team) throw new Error(`expected a team for ${version}`);
  return team;
}

function role(team: Team, key: string): TeamRole {
  const found = team.roles.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no role ${key} in ${team.version}: ${team.roles.map((r) => r.key).join(', ')}`);
  return found;
}

function thrown(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('parseTeam on release-team.md (1.20 onwards)', () => {
  it('reads the 1.31 lead, comms lead and lead shadows with their GitHub handles', () => {
    const team = teamOf('1.31', 'release-team.md');
    expect(role(team, 'lead')).toMatchObject({
      role: 'Release Team Lead',
      leads: [{ name: 'Angelos Kolaitis', github: 'neoaggelos' }],
    });
    expect(role(team, 'comms').leads).toEqual([{ name: 'Abigail McCarthy', github: 'a-mccarthy' }]);
    expect(role(team, 'lead').shadows).toEqual([
      { name: 'Drew Hagen', github: 'drewhagen' },
      { name: 'Frederico Munoz', github: 'fsmunoz' },
      { name: 'Mohammad Reza Saleh Sedghpour', github: 'salehsedghpour' },
      { name: 'Sanchita Mishra', github: 'sanchita-07' },
    ]);
  });

  it('gives 1.31 its source, url and every role in table order with normalised keys', () => {
    const team = teamOf('1.31', 'release-team.md');
    expect(team.version).toBe('1.31');
    expect(team.source).toBe('releases/release-1.31/release-team.md');
    expect(team.url).toBe(
      'https://github.com/kubernetes/sig-release/blob/master/releases/release-1.31/release-team.md',
    );
    expect(team.roles.map((r) => [r.key, r.role])).toEqual([
      ['lead', 'Release Team Lead'],
      ['emeritus-adviser', 'Emeritus Adviser'],
      ['enhancements', 'Enhancements'],
      ['release-notes', 'Release Notes'],
      ['comms', 'Communications'],
      ['release-signal', 'Release Signal'],
      ['docs', 'Docs'],
      ['branch-manager', 'Branch Manager'],
    ]);
    expect(role(team, 'emeritus-adviser').shadows).toEqual([]); // "N/A"
    expect(team.roles.reduce((sum, r) => sum + r.shadows.length, 0)).toBe(28);
  });

  it('keeps accented names and drops Slack IDs (which may hold spaces) from 1.31', () => {
    const notes = role(teamOf('1.31', 'release-team.md'), 'release-notes');
    expect(notes.shadows.map((p) => p.name)).toEqual([
      'Satyam Soni',
      'Amit Dsouza',
      'Mélony Qin',
      'Rayan Das',
      'Sepideh Alavi',
    ]);
    // "Arka Saha ([@ArkaSaha30](…), Slack: `@Arka`)": a comma inside the parentheses does not split the person.
    expect(role(teamOf('1.31', 'release-team.md'), 'enhancements').shadows[0]).toEqual({
      name: 'Arka Saha',
      github: 'ArkaSaha30',
    });
  });

  it('reads the 1.24 team: lead James Laverack, CI Signal and Branch Manager', () => {
    const team = teamOf('1.24', 'release-team.md');
    expect(role(team, 'lead').leads).toEqual([{ name: 'James Laverack', github: 'JamesLaverack' }]);
    expect(role(team, 'lead').shadows.map((p) => p.github)).toEqual(['jlbutler', 'salaxander', 'cici37', 'mkorbi']);
    expect(role(team, 'ci-signal').leads[0]).toEqual({ name: 'Leonard Vincent Simon Pahlke', github: 'leonardpahlke' });
    expect(role(team, 'branch-manager')).toMatchObject({
      leads: [{ name: 'Nabarun Pal', github: 'palnabarun' }],
      shadows: [{ name: 'Jim Angel', github: 'jimangel' }],
    });
    expect(role(team, 'release-notes').shadows.map((p) => p.name)).toContain('François Le Pape');
    expect(team.roles).toHaveLength(9);
  });

  it('separates people in 1.33 even where a closing parenthesis is missing', () => {
    // "ChengHao Yang ([@tico88612](…) / Slack: `@tico88612`, Sean McGinnis ([@stmcginnis](…) …"
    const signal = role(teamOf('1.33', 'release-team.md'), 'release-signal');
    expect(signal.shadows).toEqual([
      { name: 'ChengHao Yang', github: 'tico88612' },
      { name: 'Sean McGinnis', github: 'stmcginnis' },
      { name: 'Rajalakshmi Girish', github: 'Rajalakshmi-Girish' },
      { name: 'Elieser Pereira', github: 'elieser1101' },
      { name: 'Nitish Kumar', github: 'nitishfy' },
    ]);
    // Slack ID "`@Melony Q. (aka.cloudmelon )`" holds parentheses; it must not leak into names.
    expect(role(teamOf('1.33', 'release-team.md'), 'docs').shadows[0]).toEqual({
      name: 'Mélony Qin',
      github: 'cloudmelon',
    });
  });
});

describe('parseTeam on release_team.md (1.6 to 1.20)', () => {
  it('reads 1.6, whose handles are in their own column', () => {
    const team = teamOf('1.6', 'release_team.md');
    expect(role(team, 'lead')).toEqual({
      role: 'Lead',
      key: 'lead',
      leads: [{ name: 'Dan Gillespie', github: 'ethernetdan' }],
      shadows: [],
    });
    expect(team.roles).toHaveLength(11);
    expect(role(team, 'enhancements')).toMatchObject({
      role: 'Features',
      leads: [{ name: 'Ihor Dvoretskyi', github: 'idvoretskyi' }],
    });
    expect(role(team, 'branch-manager')).toMatchObject({
      role: 'Release branch',
      leads: [{ name: 'Anthony Yeh', github: 'enisoc' }],
    });
    expect(role(team, 'bug-triage').role).toBe('Bugs');
    expect(role(team, 'spiritual-advisor').leads).toEqual([{ name: 'Phillip Wittrock', github: 'pwittrock' }]);
    expect(team.url).toBe('https://github.com/kubernetes/sig-release/blob/master/releases/release-1.6/release_team.md');
  });

  it('reads 1.16: a stray ")", Slack IDs after the parentheses, and advisers written below the table', () => {
    const team = teamOf('1.16', 'release_team.md');
    expect(role(team, 'lead').leads).toEqual([{ name: 'Lachlan Evenson', github: 'lachie83' }]);
    expect(role(team, 'release-notes').shadows).toEqual([
      { name: 'Lindsey Tulloch', github: 'onyiny-ang' },
      { name: 'Chris Carty', github: 'cartyc' },
      { name: 'Kristin Martin', github: 'kcmartin' },
      { name: 'Paul Bouwer', github: 'paulbouwer' },
    ]);
    expect(role(team, 'emeritus-adviser')).toEqual({
      role: 'Emeritus Advisers',
      key: 'emeritus-adviser',
      leads: [
        { name: 'Josh Berkus', github: 'jberkus' },
        { name: 'Stephen Augustus', github: 'justaugustus' },
      ],
      shadows: [],
    });
  });

  it('returns null for the 1.20 release-team.md pointer and reads 1.20 from release_team.md', () => {
    expect(fixtureTeam('1.20', 'release-team.md')).toBeNull();
    const team = teamOf('1.20', 'release_team.md');
    expect(role(team, 'lead').leads).toEqual([{ name: 'Jeremy Rickard', github: 'jeremyrickard' }]);
    expect(role(team, 'lead').shadows.map((p) => p.name)).toEqual([
      'Daniel Mangum',
      'Nabarun Pal',
      'Savitha Raghunathan',
    ]);
    expect(role(team, 'emeritus-adviser').shadows).toEqual([]); // "--"
  });

  it('produces teams that satisfy the Team schema for every fixture', () => {
    const teams = [
      teamOf('1.6', 'release_team.md'),
      teamOf('1.16', 'release_team.md'),
      teamOf('1.20', 'release_team.md'),
      teamOf('1.24', 'release-team.md'),
      teamOf('1.31', 'release-team.md'),
      teamOf('1.33', 'release-team.md'),
    ];
    for (const team of teams) {
      expect(Team.safeParse(team).success).toBe(true);
      expect(team.roles.filter((r) => r.key === 'lead')).toHaveLength(1);
    }
  });
});

const HEADER =
  '| **Role** | **Name** (**GitHub / Slack ID**) | **Shadow Name(s) (GitHub / Slack ID)** |\n|---|---|---|\n';
const parse = (markdown: string, path = 'releases/release-1.99/release-team.md') =>
  parseTeam({ version: '1.99', path, markdown });

describe('parseTeam on hand-written variants', () => {
  it('keeps a role whose lead is "TBD" with nobody in it', () => {
    const team = parse(
      `${HEADER}| Lead | Ryota Sawada ([@rytswd](https://github.com/rytswd)) | |\n| Branch Manager | TBD | TBD |\n`,
    );
    expect(team?.roles[1]).toEqual({ role: 'Branch Manager', key: 'branch-manager', leads: [], shadows: [] });
  });

  it('adds a separate "… Shadow" row to the shadows of the role it names', () => {
    const team = parse(
      `${HEADER}| Lead | Dan Gillespie (ethernetdan) | |\n| Enhancements | Ihor Dvoretskyi (idvoretskyi) | |\n| Enhancements Shadow | Stephen Augustus (justaugustus) | |\n`,
    );
    expect(team?.roles).toHaveLength(2);
    expect(role(team!, 'enhancements').shadows).toEqual([{ name: 'Stephen Augustus', github: 'justaugustus' }]);
  });

  it('reads "Lead" / "Shadows" column headers, bold names and HTML line breaks', () => {
    const team = parse(
      '| Team | Lead | Shadows |\n| --- | --- | --- |\n| Docs | **Jim Angel** (@jimangel) | Cody Clark (@cody-clark)<br>Naomi Pentrel (@npentrel) |\n',
    );
    expect(role(team!, 'docs')).toEqual({
      role: 'Docs',
      key: 'docs',
      leads: [{ name: 'Jim Angel', github: 'jimangel' }],
      shadows: [
        { name: 'Cody Clark', github: 'cody-clark' },
        { name: 'Naomi Pentrel', github: 'npentrel' },
      ],
    });
  });

  it('rejects a version that is not a minor version', () => {
    expect(thrown(() => parseTeam({ version: 'latest', path: 'x/release-team.md', markdown: HEADER })).message).toMatch(
      /x\/release-team\.md: version: .*latest/,
    );
  });
});

describe('parseTeam errors name the file and the row', () => {
  it('throws for a file with no table', () => {
    const error = thrown(() => parse('# Kubernetes 1.99 Release Team\n\nTo be announced.\n'));
    expect(error.file).toBe('releases/release-1.99/release-team.md');
    expect(error.message).toContain('releases/release-1.99/release-team.md');
    expect(error.message).toMatch(/no release team table/);
  });

  it('throws for a table without a name column', () => {
    expect(thrown(() => parse('| Week | Date |\n|---|---|\n| 1 | Monday |\n')).message).toMatch(
      /release-team\.md: no release team table/,
    );
  });

  it('throws for a row whose name cell is empty', () => {
    const error = thrown(() =>
      parse(
        `${HEADER}| Lead | Angelos Kolaitis ([@neoaggelos](https://github.com/neoaggelos)) | |\n| Docs |  | Daniel Chan ([@chanieljdan](https://github.com/chanieljdan)) |\n`,
      ),
    );
    expect(error.message).toBe(
      'releases/release-1.99/release-team.md: row "Docs" (line 4): the name column is empty (write "TBD" or "N/A" for nobody)',
    );
    expect(error.field).toBe('row "Docs" (line 4)');
  });

  it('throws for a row whose name cell holds only a handle', () => {
    const error = thrown(() => parse(`${HEADER}| Docs | ([@chanieljdan](https://github.com/chanieljdan)) | |\n`));
    expect(error.message).toMatch(
      /^releases\/release-1\.99\/release-team\.md: row "Docs" \(line 3\) name column: an entry has no name \(only the handle @chanieljdan\)$/,
    );
  });

  it('throws for a shadow with no name, naming the shadow column', () => {
    const error = thrown(() =>
      parse(`${HEADER}| Docs | Daniel Chan (chanieljdan) | Drew Hagen (@drewhagen), (@someone) |\n`),
    );
    expect(error.message).toMatch(/row "Docs" \(line 3\) shadow column: an entry has no name/);
  });

  it('throws for a row with names but no role', () => {
    expect(thrown(() => parse(`${HEADER}|  | Daniel Chan (chanieljdan) | |\n`)).message).toBe(
      'releases/release-1.99/release-team.md: row at line 3: the row names no role',
    );
  });

  it('throws for a table with only a header', () => {
    expect(thrown(() => parse(HEADER)).message).toMatch(/table at line 1: the team table has no rows/);
  });
});
