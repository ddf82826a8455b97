import { accountOperations } from '../../../chatwoot/operations/application/accounts';
import { labelOperations } from '../../../chatwoot/operations/application/labels';
import { profileOperations } from '../../../chatwoot/operations/application/profile';
import { contactOperations } from '../../../chatwoot/operations/application/contacts';
import { conversationOperations } from '../../../chatwoot/operations/application/conversations';
import { messageOperations } from '../../../chatwoot/operations/application/messages';
import { bindField, type OperationEntry } from '../../fieldBinding';

/**
 * Which field of the graph runs which declared Application API operation: the README's table, the coverage test and
 * the contract test read this list. A resource adds its lines here when it adds its resolvers.
 */
export const APPLICATION_FIELD_OPERATIONS: readonly OperationEntry[] = [
  // A02 Profile, A01 Account
  bindField('Query.me', profileOperations.get),
  bindField('Mutation.updateMyProfile', profileOperations.update),
  bindField('Account.name', accountOperations.get),
  bindField('Mutation.updateAccount', accountOperations.update),
  // A12 Labels
  bindField('Account.labels', labelOperations.list),
  bindField('Mutation.createLabel', labelOperations.create),
  bindField('Account.label', labelOperations.get),
  bindField('Mutation.updateLabel', labelOperations.update),
  bindField('Mutation.deleteLabel', labelOperations.delete),
  // A08 Contacts
  bindField('Account.contacts', contactOperations.list),
  bindField('Account.searchContacts', contactOperations.search),
  bindField('Account.filterContacts', contactOperations.filter),
  bindField('Account.contact', contactOperations.get),
  bindField('AccountContact.name', contactOperations.get),
  bindField('Mutation.createAccountContact', contactOperations.create),
  bindField('Mutation.updateAccountContact', contactOperations.update),
  bindField('Mutation.deleteAccountContact', contactOperations.delete),
  bindField('Mutation.mergeContacts', contactOperations.merge),
  bindField('Mutation.linkContactToInbox', contactOperations.linkToInbox),
  bindField('AccountContact.contactableInboxes', contactOperations.contactableInboxes),
  bindField('AccountContact.conversations', contactOperations.conversations),
  bindField('AccountContact.labels', contactOperations.labels),
  bindField('Mutation.setContactLabels', contactOperations.setLabels),
  // A10 Conversations
  bindField('Account.conversations', conversationOperations.list),
  bindField('Mutation.createAccountConversation', conversationOperations.create),
  bindField('Account.filterConversations', conversationOperations.filter),
  bindField('Account.conversationCounts', conversationOperations.counts),
  bindField('Account.conversation', conversationOperations.get),
  bindField('AccountConversation.status', conversationOperations.get),
  bindField('Mutation.updateAccountConversation', conversationOperations.update),
  bindField('Mutation.assignConversation', conversationOperations.assign),
  bindField('Mutation.setConversationTeam', conversationOperations.setTeam),
  bindField('Mutation.setConversationCustomAttributes', conversationOperations.setCustomAttributes),
  bindField('Mutation.removeConversationCustomAttributes', conversationOperations.removeCustomAttributes),
  bindField('AccountConversation.labels', conversationOperations.labels),
  bindField('Mutation.setConversationLabels', conversationOperations.setLabels),
  bindField('AccountConversation.reportingEvents', conversationOperations.reportingEvents),
  bindField('Mutation.setConversationPriority', conversationOperations.setPriority),
  bindField('Mutation.changeConversationStatus', conversationOperations.changeStatus),
  bindField('Mutation.setAgentTypingStatus', conversationOperations.setTyping),
  // A11 Messages (the document's orphan getConversationMessages is this same field, erratum E1)
  bindField('AccountConversation.messages', messageOperations.list),
  bindField('Mutation.createConversationMessage', messageOperations.create),
  bindField('Mutation.deleteConversationMessage', messageOperations.delete),
];
