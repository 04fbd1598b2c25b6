import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';

export enum CsvDelimiterOption {
  COMMA = 'COMMA',
  SEMICOLON = 'SEMICOLON',
}
registerEnumType(CsvDelimiterOption, { name: 'CsvDelimiter', description: 'The separator of a CSV file' });

@InputType()
export class ImportPartnerCustomersInput {
  @Field(() => String, { description: 'The partner register the customers come from; becomes their provenance' })
  partnerRegister!: string;

  @Field(() => String, { nullable: true })
  fileName?: string | null;

  @Field(() => String, {
    description:
      'The file: a header row with the columns kind,name,personalIdentityNumber,businessId,dateOfBirth,email,phone,streetAddress,postalCode,city,country,collectedAt (kind and name required, any order), then one customer per row. UTF-8, at most 20 MB and 100,000 rows.',
  })
  csv!: string;

  @Field(() => CsvDelimiterOption, { nullable: true, description: 'Detected from the header row when not given' })
  delimiter?: CsvDelimiterOption | null;

  @Field(() => Boolean, { nullable: true, description: 'Validate every row and report, but write nothing' })
  dryRun?: boolean | null;
}

@ArgsType()
export class ImportPartnerCustomersArgs {
  @Field(() => ImportPartnerCustomersInput)
  input!: ImportPartnerCustomersInput;
}

@InputType()
export class ImportRunFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@ArgsType()
export class ImportRunListArgs extends PageArgs {
  @Field(() => ImportRunFilter, { nullable: true })
  filter?: ImportRunFilter;
}

@InputType()
export class ImportRowErrorFilter {
  @Field(() => ID, { description: 'The import whose rows to list' })
  runId!: string;
}

@ArgsType()
export class ImportRowErrorListArgs extends PageArgs {
  @Field(() => ImportRowErrorFilter)
  filter!: ImportRowErrorFilter;
}

export const IMPORT_RUN_SORT_FIELDS = ['startedAt', 'partnerRegister', 'status'] as const;
export const IMPORT_ROW_ERROR_SORT_FIELDS = ['rowNumber'] as const;
