import { ValidationError } from '../http/errors';
import { multiLineText } from '../http/text';
import * as z from '../schema/zod';
import type { RegistrationAnswers } from './attendee-contracts';
import type { registrationField } from './contracts';

type RegistrationField = z.infer<typeof registrationField>;

const answerSchema = (field: RegistrationField): z.ZodMiniType => {
  switch (field.type) {
    case 'text': {
      const text = multiLineText(1000);
      return field.required ? z.pipe(text, z.string().check(z.minLength(1, 'Required'))) : z.optional(text);
    }
    case 'select': {
      const option = z.enum(field.options as [string, ...string[]], { message: 'Choose one of the options' });
      return field.required ? option : z.optional(option);
    }
    case 'checkbox':
      return field.required
        ? z.literal(true, { message: 'Required' })
        : z.optional(z.boolean({ message: 'Must be yes or no' }));
  }
};

/**
 * Checks a person's answers against the conference's registration fields: every required field
 * answered, each answer of its field's type (a select's answer one of its options), and no answer to a
 * question the conference does not ask. Returns the answers as stored (texts trimmed, empty ones left
 * out) or throws a `ValidationError` naming each bad `answers.<key>`.
 */
export const validateAnswers = (
  fields: readonly RegistrationField[],
  answers: RegistrationAnswers,
): RegistrationAnswers => {
  const shape = Object.fromEntries(fields.map((field) => [field.key, answerSchema(field)]));
  const result = z.strictObject(shape).safeParse(answers);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({
        path: ['answers', ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : issue.path)]
          .map(String)
          .join('.'),
        message: issue.code === 'unrecognized_keys' ? 'Not a question of this event' : issue.message,
      })),
    );
  }
  return Object.fromEntries(
    Object.entries(result.data as RegistrationAnswers).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
};
