import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../http/errors';
import { buildPath } from '../http/route';
import { type CreateImageUploadInput, type ImageTarget, imageRoutes, maxImageBytes } from './image-contracts';
import * as images from './image-repository';
import { sniffImageType } from './image-type';
import * as repo from './repository';
import { loadConference } from './service';
import { getSponsor, putSponsor } from './sponsor-repository';

/** Presigned uploads are good for five minutes; the staging area keeps files a day at most. */
const uploadSeconds = 300;
/** How long a redirect's link to the file works: long enough to load a page, short enough to stay private. */
const linkSeconds = 300;

const tooLarge = (size: number) =>
  new PayloadTooLargeError(
    `The image is ${(size / 1024 / 1024).toFixed(2)} MB; it may be at most ${maxImageBytes / 1024 / 1024} MB. Save it smaller and try again.`,
  );

const activeConference = async (orgId: string, conferenceId: string) => {
  const conference = await loadConference(orgId, conferenceId);
  if (conference.status !== 'active') throw new ConflictError('This event is archived');
  return conference;
};

/** The speaker or sponsor the image is for (none for the event's logo); 404 for one the event lacks. */
const ownerOf = async (orgId: string, conferenceId: string, target: ImageTarget) => {
  if (target.kind === 'speaker-photo') {
    const speaker = await repo.getSpeaker(orgId, conferenceId, target.speakerId);
    if (!speaker) throw new NotFoundError('There is no such speaker at this event');
    return { speaker };
  }
  if (target.kind === 'sponsor-logo') {
    const sponsor = await getSponsor(orgId, conferenceId, target.sponsorId);
    if (!sponsor) throw new NotFoundError('There is no such sponsor at this event');
    return { sponsor };
  }
  return {};
};

/** Hands out a presigned POST for the event's logo, a speaker's photo or a sponsor's logo, after checking size and target. */
export const createImageUpload = async (
  orgId: string,
  conferenceId: string,
  input: CreateImageUploadInput,
) => {
  if (input.size > maxImageBytes) throw tooLarge(input.size);
  await activeConference(orgId, conferenceId);
  await ownerOf(orgId, conferenceId, input.target);
  const imageId = ulid();
  const upload = await images.presignImageUpload(
    { orgId, conferenceId, imageId },
    input.contentType,
    maxImageBytes,
    uploadSeconds,
  );
  return { imageId, ...upload, maxBytes: maxImageBytes };
};

/** The same-origin path pages load an image from. */
export const imagePath = (orgId: string, conferenceId: string, imageId: string) =>
  buildPath(imageRoutes.conferenceImage.path, { orgId, conferenceId, imageId });

/**
 * The upload arrived: its size is checked again and its type read from its bytes (s3rver, unlike S3,
 * ignores the POST policy, and a browser's claimed type proves nothing). A refused file is deleted; a good
 * one is kept and becomes the event's logo, the speaker's photo or the sponsor's logo.
 */
export const completeImageUpload = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  imageId: string,
  target: ImageTarget,
) => {
  const conference = await activeConference(orgId, conferenceId);
  const { speaker, sponsor } = await ownerOf(orgId, conferenceId, target);
  const key = { orgId, conferenceId, imageId };
  const bytes = await images.readStagedImage(key);
  if (!bytes) throw new ConflictError('The image has not arrived yet; upload it again');
  if (bytes.length > maxImageBytes) {
    await images.deleteStagedImage(key);
    throw tooLarge(bytes.length);
  }
  const type = sniffImageType(bytes);
  if (!type) {
    await images.deleteStagedImage(key);
    throw new UnsupportedMediaTypeError('This file is not a PNG, JPEG or WebP image');
  }
  await images.keepImage(key, bytes, type);
  const url = imagePath(orgId, conferenceId, imageId);
  const now = new Date().toISOString();
  if (speaker) {
    const next = { ...speaker, photoUrl: url, version: speaker.version + 1, updatedAt: now };
    await repo.putSpeaker(orgId, conferenceId, conference.startDate, next, speaker.version);
  } else if (sponsor) {
    const next = { ...sponsor, logoUrl: url, version: sponsor.version + 1, updatedAt: now };
    await putSponsor(orgId, conferenceId, next, sponsor.version);
  } else {
    const next = { ...conference, logoUrl: url, version: conference.version + 1, updatedAt: now };
    await repo.saveConference(next, conference.version, [
      outboxPut('conference.updated', {
        version: 1,
        orgId,
        conferenceId,
        conferenceVersion: next.version,
        fields: ['logoUrl'],
        userId: principal.userId,
      }),
    ]);
  }
  return { url };
};

/** Where the image's redirect goes: a presigned link to the kept file, good for a few minutes. */
export const imageLink = (orgId: string, conferenceId: string, imageId: string) =>
  images.presignImageDownload({ orgId, conferenceId, imageId }, linkSeconds);

/** Browsers may reuse the redirect a little less long than the link it leads to works. */
export const imageLinkMaxAge = linkSeconds - 60;
