import { Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

// cdk-nag names a finding after the flattened CloudFormation value (`<LogicalId.Arn>/*`), which differs
// between environment-agnostic and environment-specific stacks; flattening the same way keeps an
// acknowledgment pinned to exactly the value that was granted.
const flatten = (scope: IConstruct, value: string): string =>
  flattenCfnReference(Stack.of(scope).resolve(value));

/** Acknowledges the AwsSolutions-IAM5 finding for one wildcard resource granted to principals under `scope`. */
export const acknowledgeWildcardResource = (scope: IConstruct, resourceArn: string, reason: string): void =>
  Validations.of(scope).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${flatten(scope, resourceArn)}]`,
    reason,
  });

/** Acknowledges the AwsSolutions-IAM5 finding for one wildcard action granted to principals under `scope`. */
export const acknowledgeWildcardAction = (scope: IConstruct, action: string, reason: string): void =>
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason });

/** Acknowledges the AwsSolutions-IAM4 finding for one AWS managed policy attached to roles under `scope`. */
export const acknowledgeManagedPolicy = (
  scope: IConstruct,
  policy: iam.IManagedPolicy,
  reason: string,
): void =>
  Validations.of(scope).acknowledge({
    id: `AwsSolutions-IAM4[Policy::${flatten(scope, policy.managedPolicyArn)}]`,
    reason,
  });

/**
 * Acknowledges every wildcard in the policies of a role that aws-cdk-lib builds for its own handler (and
 * we cannot shape), after the handler has received all its grants.
 */
export const acknowledgeLibraryRoleWildcards = (role: iam.IRole, reason: string): void => {
  const stack = Stack.of(role);
  const policies = role.node.findAll().filter((child) => child.node.id === 'DefaultPolicy');
  for (const policy of policies) {
    const document = stack.resolve((policy as iam.Policy).document.toJSON()) as {
      Statement?: { Action: string | string[]; Resource: unknown }[];
    };
    for (const statement of document.Statement ?? []) {
      for (const action of [statement.Action].flat()) {
        if (action.includes('*')) acknowledgeWildcardAction(role, action, reason);
      }
      for (const resource of [statement.Resource].flat()) {
        const flat = flattenCfnReference(resource);
        if (flat.includes('*'))
          Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
      }
    }
  }
};
