import type { ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';
import type { ResourceAccess } from '../access/access';
import type { ResourceName } from '../resources';

export interface ResourceScreens {
  name: ResourceName;
  icon: ComponentType;
  list?: ComponentType;
  show?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  recordRepresentation?: ResourceProps['recordRepresentation'];
}

/**
 * The react-admin resource for the signed-in roles, or none: screens exist only where the data
 * map (or the API's operation rule) lets the roles read, create or change the records.
 */
export function resourceFor(screens: ResourceScreens, access: ResourceAccess): ResourceProps | undefined {
  if (!access.canList) return undefined;
  return {
    name: screens.name,
    icon: screens.icon,
    ...(screens.list ? { list: screens.list } : {}),
    ...(screens.show ? { show: screens.show } : {}),
    ...(access.canEdit && screens.edit ? { edit: screens.edit } : {}),
    ...(access.canCreate && screens.create ? { create: screens.create } : {}),
    ...(screens.recordRepresentation ? { recordRepresentation: screens.recordRepresentation } : {}),
  };
}
