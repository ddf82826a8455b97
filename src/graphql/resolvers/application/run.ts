import type { Operation, WithOptions } from '../../../chatwoot/operation';
import type { GatewayContext } from '../../context';

/**
 * The two ways a resolver runs a declared operation. Both describe the call first, and describing is where the
 * executor refuses a switched-off API or a missing caller token, so a refused field never reaches a loader.
 */

/** A read, through the request's loaders: the same call named twice in one request is sent once. */
export function read<A extends WithOptions, R>(context: GatewayContext, op: Operation<A, R>, args: A): Promise<R> {
  const { chatwoot, call, loaders } = context;
  const described = chatwoot.operations.describe(op, call, args);
  return loaders.read(described, () => chatwoot.operations.send(op, call, described, args));
}

/** A write: sent once, after which the request's cached reads are forgotten (they may be stale). */
export function write<A extends WithOptions, R>(context: GatewayContext, op: Operation<A, R>, args: A): Promise<R> {
  const { chatwoot, call, loaders } = context;
  const described = chatwoot.operations.describe(op, call, args);
  return loaders.write(() => chatwoot.operations.send(op, call, described, args));
}

/** Chatwoot's lower-case enum value as the schema's upper-case name, or null. */
export function enumName<T extends string>(value: string | null | undefined): T | null {
  return value ? (value.toUpperCase() as T) : null;
}

/** The schema's upper-case enum name as Chatwoot's lower-case value. */
export function enumValue<T extends string>(name: T): Lowercase<T> {
  return name.toLowerCase() as Lowercase<T>;
}
