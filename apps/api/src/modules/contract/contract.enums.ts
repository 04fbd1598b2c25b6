import { registerEnumType } from 'type-graphql';

export enum ContractStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}

export enum SimCardStatus {
  ORDERED = 'ORDERED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}

/** Which status may follow which: ENDED and CANCELLED are final. */
export const CONTRACT_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  [ContractStatus.DRAFT]: [ContractStatus.ACTIVE, ContractStatus.CANCELLED],
  [ContractStatus.ACTIVE]: [ContractStatus.ENDED],
  [ContractStatus.ENDED]: [],
  [ContractStatus.CANCELLED]: [],
};

/** A CLOSED card is never reopened: its ICCID may by then belong to another active card. */
export const SIM_TRANSITIONS: Readonly<Record<SimCardStatus, readonly SimCardStatus[]>> = {
  [SimCardStatus.ORDERED]: [SimCardStatus.ACTIVE, SimCardStatus.CLOSED],
  [SimCardStatus.ACTIVE]: [SimCardStatus.SUSPENDED, SimCardStatus.CLOSED],
  [SimCardStatus.SUSPENDED]: [SimCardStatus.ACTIVE, SimCardStatus.CLOSED],
  [SimCardStatus.CLOSED]: [],
};

registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'DRAFT (not yet in force), ACTIVE, ENDED or CANCELLED (a draft that never took effect)',
});
registerEnumType(SimCardStatus, {
  name: 'SimCardStatus',
  description: 'ORDERED, ACTIVE, SUSPENDED or CLOSED (final)',
});
