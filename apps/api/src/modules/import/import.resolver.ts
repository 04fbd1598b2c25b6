import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { principalOf } from '../../access/caller.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { ImportRowError, ImportRun } from './import.entity.js';
import { ImportPartnerCustomersArgs, ImportRowErrorListArgs, ImportRunListArgs } from './import.input.js';

/** Thin: the work is ImportService's, the permissions the shield's (import.rules.ts). */
@Resolver(() => ImportRun)
export class ImportResolver {
  @Mutation(() => ImportRun, {
    description:
      'Starts an import of customers from a partner register. The header is checked at once; the rows are validated and written in the background: poll ImportRun for progress and allImportRowErrors for the rows that were not written.',
  })
  async importPartnerCustomers(@Args() { input }: ImportPartnerCustomersArgs, @Ctx() ctx: RequestContext) {
    const startedBy = ctx.caller.kind === 'staff' ? ctx.caller.userId : 'unknown';
    const { run } = await ctx.services.imports.start(ctx.em, { principal: principalOf(ctx.caller), startedBy, audit: ctx.audit }, input);
    return run;
  }

  @Query(() => ImportRun, { name: 'ImportRun', nullable: true })
  importRun(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.imports.get(ctx.em, id);
  }

  @Query(() => [ImportRun])
  allImportRuns(@Args() args: ImportRunListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.imports.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allImportRunsMeta(@Args() args: ImportRunListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.imports.count(ctx.em, args) };
  }
}

@Resolver(() => ImportRowError)
export class ImportRowErrorResolver {
  @Query(() => [ImportRowError], { description: 'The rows of an import that were not written, by row number' })
  allImportRowErrors(@Args() args: ImportRowErrorListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.imports.rowErrors(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allImportRowErrorsMeta(@Args() args: ImportRowErrorListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.imports.countRowErrors(ctx.em, args) };
  }
}
