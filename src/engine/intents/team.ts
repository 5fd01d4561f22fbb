import type { Answer } from '../../domain/answer.ts';
import { renameNote, roleKeysFor, type Person, type Team, type TeamRole } from '../../domain/team.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import type { TeamQuery } from '../kinds/team.ts';
import { isReleased, latestReleased, resolveVersion } from '../versions.ts';
import { entryOf } from '../../domain/lookup.ts';
import { memoForObject } from '../../domain/memo.ts';

/** Roles merged into another (Bug Triage into Release Signal in 1.30); renamed roles are in the domain. */
const ROLE_FALLBACKS: Record<string, string[]> = {
  'bug-triage': ['release-signal'],
};
const ROLE_NAMES: Record<string, string> = {
  lead: 'release lead',
  comms: 'communications lead',
  enhancements: 'enhancements lead',
  docs: 'docs lead',
  'release-notes': 'release notes lead',
  'ci-signal': 'CI signal lead',
  'release-signal': 'release signal lead',
  'bug-triage': 'bug triage lead',
  'branch-manager': 'branch manager',
  'emeritus-adviser': 'emeritus adviser',
  'test-infra': 'test infra lead',
  'patch-release': 'patch release team',
};

const person = (p: Person): string => (p.github ? `${p.name} (@${p.github})` : p.name);
/** A role's people written out once per list (team lists are data; every team answer writes every role's). */
const people = memoForObject((list: readonly Person[]): string =>
  list.length ? list.map(person).join(', ') : 'nobody listed',
);

export function team(query: TeamQuery, index: EngineIndex, now: Date): Answer {
  if (query.person && query.version === null) return personAcross(query, query.person, index, now);
  const resolved = resolveVersion(index, query.version, now, 'team', 'cycle');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const v = release.version;
  const roster = index.teamByVersion.get(v);
  const past = isReleased(release, now);
  if (!roster) {
    const lead = release.announcement?.releaseLead;
    const first = [...index.teamByVersion.keys()].sort(compareMinor)[0];
    return makeAnswer(index.footer, {
      intent: 'team',
      title: `Kubernetes ${v} release team`,
      summary: `The data has no release team list for ${v} (team lists start at ${first ?? 'a later release'}).${
        lead ? ` The ${v} release announcement names ${lead} as release lead.` : ''
      }`,
      release: v,
      facts: lead ? [fact('Release lead', lead)] : [],
      suggestions: first ? [`${first} release team`] : [],
    });
  }
  const roles = query.role ? findRoles(roster, query.role) : [];
  if (query.role && roles.length === 0) {
    return makeAnswer(index.footer, {
      intent: 'team',
      title: `Kubernetes ${v} release team`,
      summary: `The ${v} release team has no ${roleName(query.role)} role. Its roles: ${roleList(roster)}.`,
      release: v,
      facts: roster.roles.map((role) => fact(role.role, people(role.leads))),
      links: [{ label: `${v} release team`, url: roster.url }],
      suggestions: [`${v} release team`],
    });
  }
  if (query.role)
    return withPerson(roleAnswer(index, roster, roles, query.role, v, past, query.shadows), query, roster, roles);

  const lead = roster.roles.find((role) => role.key === 'lead');
  const announced = release.announcement?.releaseLead;
  const leadNames = lead?.leads.map((p) => p.name) ?? [];
  const lines = roster.roles
    .filter((role) => role.shadows.length > 0)
    .map((role) => `${role.role} shadows: ${people(role.shadows)}`);
  const whoLeads = lead?.leads.length
    ? `${people(lead.leads)} ${past ? 'led' : 'leads'} the Kubernetes ${v} release team`
    : `The Kubernetes ${v} release team`;
  const otherLead =
    announced && !leadNames.includes(announced) ? ` The release announcement names ${announced} as release lead.` : '';
  const summary = `${whoLeads}: ${teamSize(roster)}.${otherLead}`;
  const whole = makeAnswer(index.footer, {
    intent: 'team',
    title: `Kubernetes ${v} release team`,
    summary,
    verdict: 'yes',
    release: v,
    facts: roster.roles.map((role) => fact(role.role, people(role.leads))),
    sections: lines.length ? [section('Shadows', { lines })] : [],
    links: [{ label: `${v} release team (kubernetes/sig-release)`, url: roster.url }],
    suggestions: [`who was the ${v} comms lead`, `${v} schedule`, `tell me about ${v}`],
  });
  return withPerson(whole, query, roster, roster.roles);
}

const nameWords = (p: Person): string[] => [...p.name.toLowerCase().split(/[\s.-]+/), p.github?.toLowerCase() ?? ''];
const isPerson = (p: Person, asked: string[]): boolean =>
  asked.every((word) => nameWords(p).includes(word.toLowerCase()));

/**
 * "Is Drew Hagen the 1.34 release lead?": yes when the person holds the role asked (any role, asked about the whole
 * team); otherwise no, and where else the team list has them.
 */
function withPerson(answer: Answer, query: TeamQuery, roster: Team, asked: readonly TeamRole[]): Answer {
  if (!query.person) return answer;
  const words = query.person.split(' ');
  const inAsked = asked.some((role) => (query.shadows ? role.shadows : role.leads).some((p) => isPerson(p, words)));
  if (inAsked) return { ...answer, verdict: 'yes' };
  const elsewhere = roster.roles.flatMap((role) => {
    const lead = role.leads.find((p) => isPerson(p, words));
    const shadow = role.shadows.find((p) => isPerson(p, words));
    const as = lead ? `${lead.name} is ${role.role} lead` : shadow ? `${shadow.name} is ${role.role} shadow` : null;
    return as ? [as] : [];
  });
  const note = elsewhere.length
    ? ` On the ${roster.version} release team list, ${elsewhere[0]}.`
    : ` The ${roster.version} release team list does not name “${query.person}”.`;
  return { ...answer, verdict: 'no', summary: `${answer.summary}${note}` };
}

const roleName = (key: string) => entryOf(ROLE_NAMES, key) ?? key;
const roleList = (roster: Team) => roster.roles.map((role) => role.role).join(', ');

/** "12 roles, 12 leads and 30 shadows". */
function teamSize(roster: Team): string {
  const leads = roster.roles.reduce((sum, role) => sum + role.leads.length, 0);
  const shadows = roster.roles.reduce((sum, role) => sum + role.shadows.length, 0);
  return `${plural(roster.roles.length, 'role')}, ${plural(leads, 'lead')} and ${plural(shadows, 'shadow')}`;
}

/** "was", "were", "is" or "are" for the leads of a role. */
function leadVerb(past: boolean, count: number): string {
  if (past) return count > 1 ? 'were' : 'was';
  return count > 1 ? 'are' : 'is';
}

function findRoles(roster: Team, key: string): TeamRole[] {
  for (const candidate of [...roleKeysFor(key), ...(entryOf(ROLE_FALLBACKS, key) ?? [])]) {
    const roles = roster.roles.filter((role) => role.key === candidate);
    if (roles.length > 0) return roles;
  }
  return [];
}

function roleAnswer(
  index: EngineIndex,
  roster: Team,
  roles: TeamRole[],
  asked: string,
  v: string,
  past: boolean,
  shadowsAsked: boolean,
): Answer {
  const role = roles[0]!;
  // One role (most questions): its own lists, whose text people() remembers.
  const leads = roles.length === 1 ? role.leads : roles.flatMap((entry) => entry.leads);
  const shadows = roles.length === 1 ? role.shadows : roles.flatMap((entry) => entry.shadows);
  const rename = renameNote(asked, role.key);
  const renamed = rename
    ? ` (${rename})`
    : role.key !== asked
      ? ` (${v} has no ${roleName(asked)} role; its ${role.role} role covers it)`
      : '';
  let summary: string;
  if (leads.length === 0 && !shadowsAsked) {
    const shadowNote = shadows.length ? `; shadows: ${people(shadows)}` : '';
    summary = `The Kubernetes ${v} release team list names no ${role.role} lead${shadowNote}.`;
  } else if (shadowsAsked) {
    summary = `${role.role} shadows for Kubernetes ${v}: ${people(shadows)}.${renamed}`;
  } else if (role.key === 'lead') {
    summary = `${people(leads)} ${past ? 'led' : 'leads'} the Kubernetes ${v} release.`;
  } else {
    const leadNoun = leads.length > 1 ? 'leads' : 'lead';
    const verb = leadVerb(past, leads.length);
    summary = `${people(leads)} ${verb} the ${role.role} ${leadNoun} for Kubernetes ${v}${renamed}.`;
  }
  const named = shadowsAsked ? shadows : leads;
  return makeAnswer(index.footer, {
    intent: 'team',
    title: `Kubernetes ${v}: ${role.role}`,
    summary,
    verdict: named.length > 0 ? 'yes' : 'no',
    release: v,
    facts: [fact(leads.length > 1 ? 'Leads' : 'Lead', people(leads)), fact('Shadows', people(shadows), shadows.length)],
    links: [{ label: `${v} release team (kubernetes/sig-release)`, url: roster.url }],
    suggestions: [`${v} release team`, `who led ${v}`, `${v} schedule`],
  });
}

/**
 * "Which releases did Vyom Yadav work on?", "was Drew Hagen ever a release lead?": every release team list that names
 * the person (of releases out or under way at `now`), and the role each gives them.
 */
function personAcross(query: TeamQuery, asked: string, index: EngineIndex, now: Date): Answer {
  const words = asked.split(' ');
  const held: Array<{ version: string; role: string; lead: boolean; key: string; name: string }> = [];
  // Releases out at `now` and the one whose cycle is under way; a later team list did not exist yet.
  const latest = latestReleased(index, now);
  const underway = latest ? index.releases[index.releases.indexOf(latest) + 1]?.version : undefined;
  const known = (version: string) =>
    latest !== null && (compareMinor(version, latest.version) <= 0 || version === underway);
  for (const roster of [...index.teamByVersion.values()].sort((a, b) => compareMinor(a.version, b.version))) {
    if (!known(roster.version)) continue;
    for (const role of roster.roles) {
      const lead = role.leads.find((p) => isPerson(p, words));
      const shadow = role.shadows.find((p) => isPerson(p, words));
      const found = lead ?? shadow;
      if (found)
        held.push({ version: roster.version, role: role.role, lead: Boolean(lead), key: role.key, name: found.name });
    }
  }
  const name = held[0]?.name ?? asked;
  const heldAs = (entry: (typeof held)[number]) =>
    entry.lead ? (/\blead$/i.test(entry.role) ? entry.role : `${entry.role} lead`) : `${entry.role} shadow`;
  const roles = held.map((entry) => `${entry.version}: ${heldAs(entry)}`);
  const versions = [...new Set(held.map((entry) => entry.version))];
  const inRole = held.some((entry) => entry.lead && (!query.role || entry.key === query.role));
  return makeAnswer(index.footer, {
    intent: 'team',
    title: `${name} on Kubernetes release teams`,
    summary: held.length
      ? `${name} is on the release team lists of ${plural(versions.length, 'release')} (${versions.join(', ')}): ${roles.join('; ')}.`
      : `No release team list in the data names “${asked}”.`,
    verdict: inRole ? 'yes' : 'no',
    release: versions.at(-1) ?? null,
    facts: held.map((entry) => fact(entry.version, heldAs(entry))),
    suggestions: versions.length ? [`${versions.at(-1)} release team`] : ['who led 1.36'],
  });
}
