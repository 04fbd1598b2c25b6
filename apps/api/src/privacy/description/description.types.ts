import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DocumentLanguage {
  fi = 'fi',
  en = 'en',
}
registerEnumType(DocumentLanguage, { name: 'DocumentLanguage', description: 'Finnish or English' });

@ObjectType({ simpleResolvers: true, description: 'A list in a section of a privacy document' })
export class PrivacyDocumentList {
  @Field(() => String, { nullable: true })
  heading!: string | null;

  @Field(() => [String])
  items!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A numbered section of a privacy document' })
export class PrivacyDocumentSection {
  @Field(() => Int)
  number!: number;

  @Field(() => String, { description: 'Stable key of the section (controller, purposes, contents, …)' })
  key!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [String])
  paragraphs!: string[];

  @Field(() => [PrivacyDocumentList])
  lists!: PrivacyDocumentList[];
}

@ObjectType({ simpleResolvers: true, description: 'The registry description or the Art. 30 record, generated from the data map' })
export class PrivacyDocument {
  @Field(() => String, { description: 'registry-description or record-of-processing' })
  kind!: string;

  @Field(() => DocumentLanguage)
  language!: DocumentLanguage;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'When it was generated (ISO 8601)' })
  generatedAt!: string;

  @Field(() => [PrivacyDocumentSection])
  sections!: PrivacyDocumentSection[];
}
