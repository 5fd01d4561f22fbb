import {
  ApplicationCommandOptionType,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type MessageFlags,
  type RoleFlags,
  ApplicationCommandType,
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
  PermissionsBitField,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandDMInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIInteractionDataResolvedGuildMember,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord.js';

/**
 * Gateway payloads shaped exactly as Discord delivers them (typed against discord-api-types, so a
 * missing or misspelled field fails type-checking). IDs are realistic snowflakes.
 */
export const IDS = {
  application: '1283746512039485762',
  bot: '1283746512039485762',
  guild: '1100220033004400550',
  channel: '1100220033004400551',
  thread: '1100220033004400552',
  dmChannel: '1100220033004400553',
  command: '1283746600012345678',
  user: '309827561984032769',
  owner: '209827561984032700',
  managersRole: '1100220033004400560',
} as const;

/** Where a guild message happens: a guild and its text channel. */
export interface GuildPlace {
  guild: string;
  channel: string;
}

export const HOME: GuildPlace = { guild: IDS.guild, channel: IDS.channel };

/** Discord's shard rule: a guild's events go to shard (guild_id >> 22) % shard count. */
export const shardOfGuild = (guildId: string, shardCount: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(shardCount));

/** Another guild (and channel), created a little after HOME, whose events Discord routes to `shard` of `shardCount`. */
export function guildOnShard(shard: number, shardCount: number): GuildPlace {
  let timestamp = (BigInt(IDS.guild) >> 22n) + 1n;
  while (Number(timestamp % BigInt(shardCount)) !== shard) timestamp += 1n;
  return { guild: String((timestamp << 22n) + 1n), channel: String((timestamp << 22n) + 2n) };
}

let sequence = 0n;
/** A fresh snowflake each call (timestamp bits from a fixed 2026 instant, so values are stable in size). */
export function snowflake(): string {
  sequence += 1n;
  return String(((1_780_000_000_000n - 1_420_070_400_000n) << 22n) + sequence);
}

export const botUser: APIUser = {
  id: IDS.bot,
  username: 'k8s-release-bot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

export const asker: APIUser = {
  id: IDS.user,
  username: 'sig-release-fan',
  discriminator: '0',
  global_name: 'SIG Release Fan',
  avatar: null,
};

const EVERYONE_PERMISSIONS = PermissionsBitField.resolve([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
  PermissionFlagsBits.MentionEveryone,
]);
const MANAGER_PERMISSIONS = EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageChannels;

export const BOT_PERMISSIONS = EVERYONE_PERMISSIONS;

function member(user: APIUser, roles: string[]): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: '2025-01-15T10:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function textChannel(place: GuildPlace = HOME): APITextChannel {
  return {
    id: place.channel,
    type: ChannelType.GuildText,
    guild_id: place.guild,
    name: 'releases',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    topic: 'Kubernetes release talk',
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

/** READY for one shard's session, listing (as unavailable) the guilds that shard carries. */
export function readyPayload(
  gatewayUrl: string,
  session: { id: string; shard: [number, number]; guilds: string[] } = {
    id: 'b6a1e2c6f0d74e2a9f3c1d2e3f4a5b6c',
    shard: [0, 1],
    guilds: [IDS.guild],
  },
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: botUser,
    guilds: session.guilds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: gatewayUrl,
    shard: session.shard,
    application: { id: IDS.application, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export function guildCreatePayload(place: GuildPlace = HOME): GatewayGuildCreateDispatchData {
  const { guild_id: _omitted, ...channel } = textChannel(place);
  return {
    id: place.guild,
    name: 'Kubernetes Release Fans',
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.owner,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [
      {
        id: place.guild,
        name: '@everyone',
        permissions: String(EVERYONE_PERMISSIONS),
        position: 0,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        managed: false,
        mentionable: false,
        flags: 0 as RoleFlags,
      },
      {
        id: IDS.managersRole,
        name: 'Release Managers',
        permissions: String(MANAGER_PERMISSIONS),
        position: 1,
        color: 3304165,
        colors: { primary_color: 3304165, secondary_color: null, tertiary_color: null },
        hoist: true,
        icon: null,
        unicode_emoji: null,
        managed: false,
        mentionable: true,
        flags: 0 as RoleFlags,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: place.channel,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: '2026-01-10T09:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [member(botUser, [])],
    channels: [channel as GatewayGuildCreateDispatchData['channels'][number]],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

type Option = APIApplicationCommandInteractionDataBasicOption;
const string = (name: string, value: string, focused = false): Option =>
  ({ type: ApplicationCommandOptionType.String, name, value, ...(focused ? { focused } : {}) }) as Option;
const boolean = (name: string, value: boolean): Option => ({ type: ApplicationCommandOptionType.Boolean, name, value });

/** `/k8s-release <subcommand> name:value…` in a guild text channel, as INTERACTION_CREATE delivers it. */
export function chatInputInteraction(
  subcommand: string,
  options: Record<string, string | boolean> = {},
  caller: { manager?: boolean; appPermissions?: bigint } = {},
): APIChatInputApplicationCommandGuildInteraction {
  const roles = caller.manager ? [IDS.managersRole] : [];
  const permissions = caller.manager ? MANAGER_PERMISSIONS : EVERYONE_PERMISSIONS;
  return {
    ...guildInteractionBase(roles, permissions, caller.appPermissions ?? BOT_PERMISSIONS),
    type: InteractionType.ApplicationCommand,
    data: {
      id: IDS.command,
      name: 'k8s-release',
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) =>
            typeof value === 'boolean' ? boolean(name, value) : string(name, value),
          ),
        },
      ],
    },
  };
}

/** The same command typed in a DM with the bot. */
export function directMessageInteraction(
  subcommand: string,
  options: Record<string, string> = {},
): APIChatInputApplicationCommandDMInteraction {
  return {
    id: snowflake(),
    application_id: IDS.application,
    type: InteractionType.ApplicationCommand,
    token: interactionToken(),
    version: 1,
    channel: {
      id: IDS.dmChannel,
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0 as ChannelFlags,
      recipients: [asker],
    },
    channel_id: IDS.dmChannel,
    user: asker,
    app_permissions: String(BOT_PERMISSIONS),
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10_485_760,
    data: {
      id: IDS.command,
      name: 'k8s-release',
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) => string(name, value)),
        },
      ],
    },
  };
}

/** Autocomplete while the user types `value` into `focused`. */
export function autocompleteInteraction(
  subcommand: string,
  focused: string,
  value: string,
): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...guildInteractionBase([], EVERYONE_PERMISSIONS, BOT_PERMISSIONS),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: IDS.command,
      name: 'k8s-release',
      type: ApplicationCommandType.ChatInput,
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: subcommand, options: [string(focused, value, true)] },
      ],
    },
  };
}

function guildInteractionBase(roles: string[], permissions: bigint, appPermissions: bigint) {
  const interactionMember: APIInteractionDataResolvedGuildMember & APIGuildMember & { permissions: string } = {
    ...member(asker, roles),
    permissions: String(permissions),
  };
  return {
    id: snowflake(),
    application_id: IDS.application,
    token: interactionToken(),
    version: 1 as const,
    guild_id: IDS.guild,
    guild: { id: IDS.guild, locale: Locale.EnglishUS, features: [] },
    channel: textChannel(),
    channel_id: IDS.channel,
    member: interactionMember,
    app_permissions: String(appPermissions),
    locale: Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10_485_760,
  };
}

function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${snowflake()}OmZha2VUb2tlbkZvclRlc3Rz`;
}

/** A direct message to the bot: no guild, no member, no mention needed (DM content is always delivered). */
export function directMessage(content: string): GatewayMessageCreateDispatchData {
  const { guild_id: _guild, member: _member, ...message } = mentionMessage(content, { mentionsBot: false });
  return { ...message, channel_id: IDS.dmChannel, channel_type: ChannelType.DM, content, mentions: [] };
}

/** A guild message, as MESSAGE_CREATE delivers it to a bot without the MessageContent intent that is mentioned in it. */
export function mentionMessage(
  content: string,
  options: { mentionsBot?: boolean; mentionEveryone?: boolean; manager?: boolean; place?: GuildPlace } = {},
): GatewayMessageCreateDispatchData {
  const mentionsBot = options.mentionsBot ?? true;
  const place = options.place ?? HOME;
  return {
    id: snowflake(),
    channel_id: place.channel,
    guild_id: place.guild,
    author: asker,
    member: {
      roles: options.manager ? [IDS.managersRole] : [],
      joined_at: '2025-01-15T10:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      pending: false,
    },
    // Without MessageContent, Discord sends an empty content for messages that do not mention the bot.
    content: mentionsBot ? content : '',
    timestamp: '2026-09-01T12:00:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: options.mentionEveryone ?? false,
    mentions: mentionsBot ? [{ ...botUser, member: member(botUser, []) as never }] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    components: [],
  };
}
