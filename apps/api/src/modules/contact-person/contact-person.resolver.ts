import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { ContactPerson } from './contact-person.entity.js';
import { ContactPersonListArgs, CreateContactPersonArgs, UpdateContactPersonArgs } from './contact-person.input.js';

/** Thin: every decision lives in ContactPersonService, every permission in the shield. */
@Resolver(() => ContactPerson)
export class ContactPersonResolver {
  @Query(() => ContactPerson, { name: 'ContactPerson', nullable: true })
  contactPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.contactPersons.get(ctx.em, id);
  }

  @Query(() => [ContactPerson])
  allContactPersons(@Args() args: ContactPersonListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.contactPersons.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allContactPersonsMeta(@Args() args: ContactPersonListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.contactPersons.count(ctx.em, args) };
  }

  @Mutation(() => ContactPerson, { nullable: true })
  createContactPerson(@Args() args: CreateContactPersonArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.contactPersons.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => ContactPerson, { nullable: true })
  updateContactPerson(@Args() args: UpdateContactPersonArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.contactPersons.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => ContactPerson, { nullable: true, description: 'Removes a contact person (service, dpo)' })
  deleteContactPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.contactPersons.delete(ctx.em, ctx.audit, id);
  }
}
