import type { AgendaItemView } from '../../../shared/conferences/contracts';

/**
 * A session's stream in a sandboxed iframe (Zoom opens in its app instead). Only URLs the API normalized
 * to a provider's player ever reach `src`; the sandbox keeps the player from navigating the dashboard.
 */
export const StreamEmbed = ({ item, state }: { readonly item: AgendaItemView; readonly state: string }) => {
  const src = state === 'recording' ? item.recordingUrl : item.stream?.embedUrl;
  if (state !== 'live' && state !== 'recording')
    return <p className="stream stream--idle">The stream opens here when the session goes live.</p>;
  if (!src && item.stream)
    return (
      <p className="stream">
        <a href={item.stream.joinUrl} target="_blank" rel="noopener noreferrer">
          Join in the {item.stream.provider === 'zoom' ? 'Zoom app' : 'player'}
        </a>
      </p>
    );
  if (!src) return null;
  return (
    <iframe
      className="stream"
      title={`Stream: ${item.title}`}
      src={src}
      sandbox="allow-scripts allow-same-origin allow-presentation"
      allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
      referrerPolicy="strict-origin-when-cross-origin"
      allowFullScreen
      width={640}
      height={360}
    />
  );
};
