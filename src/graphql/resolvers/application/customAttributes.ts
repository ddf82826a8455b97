import {
  type AttributeModelValue,
  customAttributeOperations,
} from '../../../chatwoot/operations/application/customAttributes';
import type { CustomAttributeDisplayType, CustomAttributeModel, Resolvers } from '../../../generated/graphql';
import { enumName, enumValue, read, write } from './run';

type Maybe<T> = T | null | undefined;

const MODELS: Record<CustomAttributeModel, AttributeModelValue> = {
  CONVERSATION: 'conversation_attribute',
  CONTACT: 'contact_attribute',
  COMPANY: 'company_attribute',
};

const modelName = (value: AttributeModelValue | null): CustomAttributeModel | null =>
  (Object.keys(MODELS) as CustomAttributeModel[]).find((name) => MODELS[name] === value) ?? null;

/** A definition input with the schema's enum names as Chatwoot's values. */
function definitionFields<T extends { displayType?: Maybe<CustomAttributeDisplayType>; model?: Maybe<CustomAttributeModel> }>(input: T) {
  return {
    ...input,
    displayType: input.displayType ? enumValue(input.displayType) : input.displayType,
    model: input.model ? MODELS[input.model] : input.model,
  };
}

/** Custom attribute definitions of conversations, contacts and companies. */
export const customAttributeResolvers: Resolvers = {
  Account: {
    customAttributeDefinitions: (account, { model, options }, context) =>
      read(context, customAttributeOperations.list, { accountId: account.id, model: model ? MODELS[model] : null, options }),
    customAttributeDefinition: (account, { id, options }, context) =>
      read(context, customAttributeOperations.get, { accountId: account.id, id, options }),
  },
  CustomAttributeDefinition: {
    displayType: (definition) => enumName<CustomAttributeDisplayType>(definition.displayType),
    model: (definition) => modelName(definition.model),
  },
  Mutation: {
    createCustomAttributeDefinition: (_root, { accountId, input, options }, context) =>
      write(context, customAttributeOperations.create, { accountId, input: definitionFields(input), options }),
    updateCustomAttributeDefinition: (_root, { accountId, id, input, options }, context) =>
      write(context, customAttributeOperations.update, { accountId, id, input: definitionFields(input), options }),
    deleteCustomAttributeDefinition: (_root, args, context) => write(context, customAttributeOperations.delete, args),
  },
};
