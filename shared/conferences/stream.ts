export const streamProviders = ['youtube', 'vimeo', 'zoom', 'dacast', 'other'] as const;
export type StreamProvider = (typeof streamProviders)[number];

export interface NormalizedStream {
  readonly provider: StreamProvider;
  /** Goes into `<iframe src>`; null for providers that open in their own app (Zoom). */
  readonly embedUrl: string | null;
  /** Opens in a new tab or the provider's app. */
  readonly joinUrl: string;
}

/** Hosts that serve an embeddable player as is, besides the named providers. */
export const otherEmbedHosts = ['streamyard.com', 'embed.restream.io', 'player.twitch.tv'] as const;

export class StreamUrlError extends Error {}

const youtubeId = /^[A-Za-z0-9_-]{11}$/;
const digits = /^\d{1,12}$/;

const youtube = (url: URL): NormalizedStream => {
  const segments = url.pathname.split('/').filter(Boolean);
  const id =
    url.hostname === 'youtu.be'
      ? segments[0]
      : segments[0] === 'watch'
        ? url.searchParams.get('v')
        : ['embed', 'live', 'shorts'].includes(segments[0] ?? '')
          ? segments[1]
          : undefined;
  if (!id || !youtubeId.test(id)) throw new StreamUrlError('This YouTube link names no video');
  return {
    provider: 'youtube',
    embedUrl: `https://www.youtube-nocookie.com/embed/${id}`,
    joinUrl: `https://www.youtube.com/watch?v=${id}`,
  };
};

const vimeo = (url: URL): NormalizedStream => {
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] === 'event' && segments[1] && digits.test(segments[1]))
    return {
      provider: 'vimeo',
      embedUrl: `https://vimeo.com/event/${segments[1]}/embed`,
      joinUrl: `https://vimeo.com/event/${segments[1]}`,
    };
  const id = url.hostname === 'player.vimeo.com' && segments[0] === 'video' ? segments[1] : segments[0];
  if (!id || !digits.test(id)) throw new StreamUrlError('This Vimeo link names no video');
  return {
    provider: 'vimeo',
    embedUrl: `https://player.vimeo.com/video/${id}`,
    joinUrl: `https://vimeo.com/${id}`,
  };
};

const zoom = (url: URL): NormalizedStream => {
  const segments = url.pathname.split('/').filter(Boolean);
  const meeting = ['j', 'w', 's'].includes(segments[0] ?? '') ? segments[1] : undefined;
  if (!meeting || !digits.test(meeting)) throw new StreamUrlError('This Zoom link names no meeting');
  const pwd = url.searchParams.get('pwd');
  const join = new URL(`https://${url.hostname}/j/${meeting}`);
  if (pwd && /^[A-Za-z0-9._-]{1,100}$/.test(pwd)) join.searchParams.set('pwd', pwd);
  return { provider: 'zoom', embedUrl: null, joinUrl: join.href };
};

const dacast = (url: URL): NormalizedStream => {
  const segments = url.pathname.split('/').filter(Boolean);
  if (!['live', 'vod', 'playlist'].includes(segments[0] ?? '') || segments.length < 3)
    throw new StreamUrlError('This Dacast link names no player');
  if (!segments.every((segment) => /^[A-Za-z0-9_-]{1,80}$/.test(segment)))
    throw new StreamUrlError('This Dacast link is not a player link');
  const href = `https://iframe.dacast.com/${segments.join('/')}`;
  return { provider: 'dacast', embedUrl: href, joinUrl: href };
};

const isHost = (hostname: string, domain: string) => hostname === domain || hostname.endsWith(`.${domain}`);

export const normalizeStreamUrl = (raw: string): NormalizedStream => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new StreamUrlError('Must be a link such as https://www.youtube.com/watch?v=…');
  }
  if (url.protocol !== 'https:') throw new StreamUrlError('Must be an https link');
  if (url.username || url.password) throw new StreamUrlError('Must not carry a user name or password');
  if (url.port) throw new StreamUrlError('Must not name a port');
  const host = url.hostname.toLowerCase();
  if (
    ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com'].includes(host)
  )
    return youtube(url);
  if (['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'].includes(host)) return vimeo(url);
  if (isHost(host, 'zoom.us')) return zoom(url);
  if (host === 'iframe.dacast.com') return dacast(url);
  if ((otherEmbedHosts as readonly string[]).includes(host)) {
    const href = `https://${host}${url.pathname}${url.search}`;
    return { provider: 'other', embedUrl: href, joinUrl: href };
  }
  throw new StreamUrlError(
    `Streams must come from YouTube, Vimeo, Zoom, Dacast or an allowed host: ${otherEmbedHosts.join(', ')}`,
  );
};
