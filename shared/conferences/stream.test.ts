import { describe, expect, it } from 'vitest';
import { normalizeStreamUrl } from './stream';

describe('a stream link', () => {
  it('becomes the provider’s embed URL', () => {
    expect(normalizeStreamUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42')).toEqual({
      provider: 'youtube',
      embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      joinUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    expect(normalizeStreamUrl('https://youtu.be/dQw4w9WgXcQ').embedUrl).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    expect(normalizeStreamUrl('https://www.youtube.com/live/dQw4w9WgXcQ?si=x').provider).toBe('youtube');
    expect(normalizeStreamUrl('https://vimeo.com/76979871').embedUrl).toBe(
      'https://player.vimeo.com/video/76979871',
    );
    expect(normalizeStreamUrl('https://vimeo.com/event/12345').embedUrl).toBe(
      'https://vimeo.com/event/12345/embed',
    );
    expect(normalizeStreamUrl('https://iframe.dacast.com/live/abc-123/def_456').embedUrl).toBe(
      'https://iframe.dacast.com/live/abc-123/def_456',
    );
  });

  it('keeps Zoom as a join link for the app, with its passcode and nothing else', () => {
    expect(normalizeStreamUrl('https://us02web.zoom.us/j/85012345678?pwd=abc.DEF&utm=x')).toEqual({
      provider: 'zoom',
      embedUrl: null,
      joinUrl: 'https://us02web.zoom.us/j/85012345678?pwd=abc.DEF',
    });
  });

  it.each([
    ['javascript:alert(1)', /https/],
    ['http://www.youtube.com/watch?v=dQw4w9WgXcQ', /https/],
    ['https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ', /user name or password/],
    ['https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ', /port/],
    ['https://evil.example/embed/dQw4w9WgXcQ', /allowed host/],
    ['https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ', /allowed host/],
    ['https://zoom.us.evil.example/j/123', /allowed host/],
    ['https://www.youtube.com/watch?v=<script>', /names no video/],
    ['data:text/html,<script>alert(1)</script>', /https/],
    ['not a link', /Must be a link/],
  ])('refuses %s', (raw, message) => {
    expect(() => normalizeStreamUrl(raw)).toThrow(message);
  });
});
