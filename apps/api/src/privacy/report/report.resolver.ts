import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';

/** The access report and the portability export as JSON (dpo only); the HTML page is report.http.ts. */
@Resolver()
export class AccessReportResolver {
  @Query(() => GraphQLJSONObject, {
    description:
      'Everything the register holds on the person of a request (requestId) or on a customer or contact person (subjectId), from the data map (GDPR Art. 15); audited',
  })
  accessReport(
    @Arg('requestId', () => ID, { nullable: true }) requestId: string | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.accessReports.generate(ctx.em, ctx.audit, { requestId, subjectId });
  }

  @Query(() => GraphQLJSONObject, { description: 'The data the person of the request provided, as structured JSON (GDPR Art. 20); audited' })
  portabilityExport(@Arg('requestId', () => ID) requestId: string, @Ctx() ctx: RequestContext) {
    return ctx.services.accessReports.portability(ctx.em, ctx.audit, requestId);
  }
}
