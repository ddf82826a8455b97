import { enterpriseOnlyError, isMissingEnterpriseRoute } from './editions';
import { CredentialRequiredError, PolicyViolationError } from './errors';
import { buildPath, encodeQuery, type Operation, type OperationFacts, templateOf, type WithOptions } from './operation';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';

/** Which of Chatwoot's APIs the operator switched on (GATEWAY_APPLICATION_API, GATEWAY_PLATFORM_API). */
export interface ApiSwitches {
  readonly applicationApi: boolean;
  readonly platformApi: boolean;
}

/**
 * Runs any declared operation (src/chatwoot/operation.ts) through the transport. The credential rules are enforced
 * here, at the only door every declared call passes, and before a call is even described: a field of an API that is
 * switched off, or one that needs the caller's token when the request has none, never reaches a loader or a socket.
 */
export class OperationExecutor {
  constructor(
    private readonly transport: ChatwootTransport,
    private readonly switches: ApiSwitches,
  ) {}

  /** Checks that the operation may run for this caller; throws the refusal otherwise. */
  admit(op: OperationFacts, context: CallContext): void {
    if (op.api === 'APPLICATION' && !this.switches.applicationApi) {
      throw new PolicyViolationError(
        'The Application API is switched off on this gateway (the operator sets GATEWAY_APPLICATION_API=true to serve it).',
        undefined,
        'api_disabled',
      );
    }
    if (op.api === 'PLATFORM' && !this.switches.platformApi) {
      throw new PolicyViolationError(
        'The Platform API is switched off on this gateway (the operator sets GATEWAY_PLATFORM_API=true to serve it).',
        undefined,
        'api_disabled',
      );
    }
    if (op.credential === 'PLATFORM' && context.service !== true) {
      throw new CredentialRequiredError(
        'The Platform API serves backends only: send a service key in the x-gateway-service-key header.',
        'missing_service_key',
      );
    }
    if (op.credential === 'CALLER' && !context.token) {
      throw new CredentialRequiredError(
        'This field needs your own Chatwoot user token: send it in the api-access-token header. ' +
          'The gateway never uses a token of its own for it.',
        'missing_token',
      );
    }
  }

  /** The upstream call an operation makes for these arguments, checked and encoded, without sending it. */
  describe<A extends WithOptions, R>(op: Operation<A, R>, context: CallContext, args: A): UpstreamCall {
    this.admit(op, context);
    return {
      method: op.method,
      path: buildPath(op, args),
      query: encodeQuery(op.query?.(args)),
      body: op.body?.(args),
      options: args.options,
      pathTemplate: templateOf(op),
      credential: op.credential,
    };
  }

  /** Sends a call `describe` made for the same operation and arguments, and decodes the answer. */
  async send<A extends WithOptions, R>(op: Operation<A, R>, context: CallContext, call: UpstreamCall, args: A): Promise<R> {
    let answer: unknown;
    try {
      answer = await this.transport.send(context, call);
    } catch (error) {
      if (op.edition === 'ENTERPRISE' && isMissingEnterpriseRoute(error)) throw enterpriseOnlyError(error);
      throw error;
    }
    return op.decode(answer, { method: call.method, path: call.path }, args);
  }

  /** Describes, sends and decodes one operation. */
  run<A extends WithOptions, R>(op: Operation<A, R>, context: CallContext, args: A): Promise<R> {
    return this.send(op, context, this.describe(op, context, args), args);
  }
}
