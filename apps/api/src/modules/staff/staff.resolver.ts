
import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { listOptions, PageArgs } from '../../graphql/list.js';
import { checkPassword, parseRoles } from '../../access/auth.service.js';
import { StaffRoleEnum, PartnerScopeEnum } from '../../access/roles.js';
import { badInput, notFound } from '../../common/errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { ApiKey } from './api-key.entity.js';
import { StaffUser } from './staff-user.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A new partner key: `key` is shown this once and never again' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String)
  key!: string;
}

/** Staff users and partner keys: the `admin` role's work (it reads no customer data). */
@Resolver()
export class StaffResolver {
  @Query(() => [StaffUser])
  allStaffUsers(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.em.find(StaffUser, {}, listOptions(args, ['username', 'displayName', 'createdAt'], { sortField: 'username' }));
  }

  @Query(() => ListMetadata)
  async _allStaffUsersMeta(@Ctx() ctx: RequestContext) {
    return { count: await ctx.em.count(StaffUser, {}) };
  }

  @Query(() => StaffUser, { nullable: true })
  StaffUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.em.findOne(StaffUser, { id });
  }

  @Mutation(() => StaffUser)
  async createStaffUser(
    @Arg('username', () => String) username: string,
    @Arg('displayName', () => String) displayName: string,
    @Arg('password', () => String) password: string,
    @Arg('roles', () => [StaffRoleEnum]) roles: string[],
    @Ctx() ctx: RequestContext,
  ) {
    const { user } = await ctx.services.auth.createStaffUser(ctx.em, { username, displayName, password, roles });
    ctx.audit.later({ operation: 'createStaffUser', action: 'create', subjectType: 'StaffUser', subjectId: user.id, fields: ['username', 'displayName', 'password', 'roles'] });
    return user;
  }

  @Mutation(() => StaffUser)
  async updateStaffUser(
    @Arg('id', () => ID) id: string,
    @Arg('displayName', () => String, { nullable: true }) displayName: string | null,
    @Arg('roles', () => [StaffRoleEnum], { nullable: true }) roles: string[] | null,
    @Arg('active', () => Boolean, { nullable: true }) active: boolean | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const user = await ctx.em.findOne(StaffUser, { id });
    if (!user) throw notFound('Staff user', id);
    const fields: string[] = [];
    if (displayName != null) {
      if (!displayName.trim()) throw badInput('displayName', 'is required');
      user.displayName = displayName.trim();
      fields.push('displayName');
    }
    if (roles != null) {
      user.roles = parseRoles(roles);
      fields.push('roles');
    }
    if (active != null) {
      user.active = active;
      fields.push('active');
    }
    if (password != null) {
      checkPassword(password);
      user.passwordHash = await ctx.services.auth.hashPassword(password);
      user.passwordChangedAt = new Date();
      user.lockedUntil = null;
      user.failedLogins = 0;
      fields.push('password');
    }
    await ctx.em.flush();
    if (active === false || password != null) {
      await ctx.em.getConnection().execute('delete from staff_session where user_id = ?', [id], 'run');
    }
    ctx.audit.later({ operation: 'updateStaffUser', action: 'update', subjectType: 'StaffUser', subjectId: id, fields });
    return user;
  }

  @Query(() => [ApiKey])
  allApiKeys(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ApiKey, {}, listOptions(args, ['createdAt', 'partner', 'label'], { sortField: 'createdAt', sortOrder: 'DESC' }));
  }

  @Query(() => ListMetadata)
  async _allApiKeysMeta(@Ctx() ctx: RequestContext) {
    return { count: await ctx.em.count(ApiKey, {}) };
  }

  @Mutation(() => CreatedApiKey)
  async createApiKey(
    @Arg('partner', () => String) partner: string,
    @Arg('label', () => String) label: string,
    @Arg('scopes', () => [PartnerScopeEnum]) scopes: string[],
    @Ctx() ctx: RequestContext,
  ) {
    const createdBy = ctx.caller.kind === 'staff' ? ctx.caller.username : null;
    const created = await ctx.services.auth.createApiKey(ctx.em, { partner, label, scopes, createdBy });
    ctx.audit.later({ operation: 'createApiKey', action: 'create', subjectType: 'ApiKey', subjectId: created.apiKey.id, fields: ['scopes'] });
    return created;
  }

  @Mutation(() => ApiKey)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const apiKey = await ctx.em.findOne(ApiKey, { id });
    if (!apiKey) throw notFound('API key', id);
    apiKey.revokedAt ??= new Date();
    await ctx.em.flush();
    ctx.audit.later({ operation: 'revokeApiKey', action: 'update', subjectType: 'ApiKey', subjectId: id, fields: ['revokedAt'] });
    return apiKey;
  }
}

