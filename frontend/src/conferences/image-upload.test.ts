import { describe, expect, it } from 'vitest';
import { imageFileProblem } from './image-upload';

describe('checking an event image before it is sent', () => {
  it('takes PNG, JPEG and WebP up to 2 MB', () => {
    expect(imageFileProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(imageFileProblem({ type: 'image/jpeg', size: 2 * 1024 * 1024 })).toBeNull();
    expect(imageFileProblem({ type: 'image/webp', size: 1 })).toBeNull();
  });

  it('names a wrong type, an image too large and an empty file', () => {
    expect(imageFileProblem({ type: 'image/gif', size: 1000 })).toBe(
      'Choose a PNG, JPEG or WebP image; this file is none of them.',
    );
    expect(imageFileProblem({ type: 'image/png', size: 3 * 1024 * 1024 })).toBe(
      'The image is 3.0 MB; it may be at most 2.0 MB.',
    );
    expect(imageFileProblem({ type: 'image/png', size: 0 })).toBe('The file is empty.');
  });
});
