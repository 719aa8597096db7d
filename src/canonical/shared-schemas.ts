import { Agent } from './agent.js'
import { Asset, AssetCreate, AssetUpdate } from './asset.js'
import { Comment, CommentCreate } from './comment.js'
import { Connection, ConnectionList } from './connection.js'
import { Contact, ContactCreate, ContactUpdate } from './contact.js'
import { CustomFieldDefinition } from './custom-field.js'
import { Customer, CustomerCreate, CustomerUpdate } from './customer.js'
import { ResourceMeta } from './field-meta.js'
import { ChangeEvent } from './event.js'
import { FeedPageOf, ListOf, PageOf } from './page.js'
import { Problem } from './problem.js'
import { Board, Priority, Status, TicketType } from './reference.js'
import {
  CreatedSubscription,
  DeliveryAttempt,
  DeliveryAttemptList,
  Subscription,
  SubscriptionCreate,
  SubscriptionList,
} from './subscription.js'
import { Ticket, TicketCreate, TicketUpdate } from './ticket.js'
import { TimeEntry, TimeEntryCreate } from './time-entry.js'
import { Type } from '@sinclair/typebox'

/**
 * Schemas with an $id: registered once, referenced by routes, named components in OpenAPI. Only here: a route plugin
 * that adds a schema of its own gets Fastify's default validator (it strips unknown query parameters instead of
 * refusing them) in place of src/http/validation.ts.
 */

export const TicketPage = PageOf(Type.Ref(Ticket), 'TicketPage')
export const CommentPage = PageOf(Type.Ref(Comment), 'CommentPage')
export const CustomerPage = PageOf(Type.Ref(Customer), 'CustomerPage')
export const AssetPage = PageOf(Type.Ref(Asset), 'AssetPage')
export const ContactPage = PageOf(Type.Ref(Contact), 'ContactPage')
export const AgentPage = PageOf(Type.Ref(Agent), 'AgentPage')
export const TimeEntryPage = PageOf(Type.Ref(TimeEntry), 'TimeEntryPage')
export const StatusList = ListOf(Type.Ref(Status), 'StatusList')
export const PriorityList = ListOf(Type.Ref(Priority), 'PriorityList')
export const TicketTypeList = ListOf(Type.Ref(TicketType), 'TicketTypeList')
export const BoardList = ListOf(Type.Ref(Board), 'BoardList')
export const ChangeEventPage = FeedPageOf(Type.Ref(ChangeEvent), 'ChangeEventPage')

export const SHARED_SCHEMAS = [
  Problem,
  Ticket,
  TicketCreate,
  TicketUpdate,
  Comment,
  CommentCreate,
  Customer,
  CustomerCreate,
  CustomerUpdate,
  Asset,
  AssetCreate,
  AssetUpdate,
  Contact,
  ContactCreate,
  ContactUpdate,
  Agent,
  TimeEntry,
  TimeEntryCreate,
  Board,
  CustomFieldDefinition,
  ResourceMeta,
  Status,
  Priority,
  TicketType,
  TicketPage,
  CommentPage,
  CustomerPage,
  AssetPage,
  ContactPage,
  AgentPage,
  TimeEntryPage,
  StatusList,
  PriorityList,
  TicketTypeList,
  BoardList,
  ChangeEvent,
  ChangeEventPage,
  Subscription,
  CreatedSubscription,
  SubscriptionCreate,
  SubscriptionList,
  DeliveryAttempt,
  DeliveryAttemptList,
  Connection,
  ConnectionList,
]
