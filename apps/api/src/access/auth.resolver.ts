import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { SESSION_COOKIE } from './auth.service.js';
import { PartnerScopeEnum, StaffRoleEnum } from './roles.js';

/** Who the caller is: a member of staff or a partner system. */
@ObjectType({ simpleResolvers: true })
export class Me {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'staff or partner' })
  kind!: string;

  @Field(() => String, { description: 'Username, or the partner organisation' })
  name!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => [StaffRoleEnum])
  roles!: string[];

  @Field(() => [PartnerScopeEnum])
  scopes!: string[];
}

function meOf(ctx: RequestContext): Me | null {
  const { caller } = ctx;
  if (caller.kind === 'staff') {
    return { id: caller.userId, kind: 'staff', name: caller.username, displayName: caller.displayName, roles: caller.roles, scopes: [] };
  }
  if (caller.kind === 'partner') {
    return { id: caller.keyId, kind: 'partner', name: caller.partner, displayName: null, roles: [], scopes: caller.scopes };
  }
  return null;
}

@Resolver()
export class AuthResolver {
  @Query(() => Me, { nullable: true, description: 'The signed-in caller, or null' })
  me(@Ctx() ctx: RequestContext): Me | null {
    return meOf(ctx);
  }

  @Mutation(() => Me, { description: 'Signs a member of staff in and sets the session cookie' })
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('totpCode', () => String, { nullable: true }) totpCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Me> {
    let result;
    try {
      result = await ctx.services.auth.login(ctx.em, {
        username,
        password,
        totpCode,
        ip: ctx.req.ip ?? null,
        userAgent: ctx.req.get('user-agent') ?? null,
      });
    } catch (error) {
      // Failed sign-ins are security events too; the attempted username is not recorded.
      ctx.audit.later({ operation: 'login', action: 'login', outcome: 'failed' });
      throw error;
    }
    const { user, token, expiresAt } = result;
    ctx.res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.services.config.production,
      path: '/',
      expires: expiresAt,
    });
    ctx.caller = { kind: 'staff', userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, sessionId: Buffer.alloc(0) };
    ctx.audit.caller = ctx.caller;
    ctx.audit.later({ operation: 'login', action: 'login', subjectType: 'StaffUser', subjectId: user.id, outcome: 'success' });
    return meOf(ctx) as Me;
  }

  @Mutation(() => Boolean, { description: 'Ends the session' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.logout(ctx.em, ctx.caller);
    ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }
}
