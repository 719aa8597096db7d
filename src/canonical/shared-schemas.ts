import { Asset, AssetCreate, AssetUpdate } from './asset.js'
import { Comment, CommentCreate } from './comment.js'
import { Customer, CustomerCreate, CustomerUpdate } from './customer.js'
import { ChangeEvent } from './event.js'
import { FeedPageOf, ListOf, PageOf } from './page.js'
import { Problem } from './problem.js'
import { Priority, Status, TicketType } from './reference.js'
import {
  CreatedSubscription,
  DeliveryAttempt,
  DeliveryAttemptList,
  Subscription,
  SubscriptionCreate,
  SubscriptionList,
} from './subscription.js'
import { Ticket, TicketCreate, TicketUpdate } from './ticket.js'
import { Type } from '@sinclair/typebox'

/** Schemas with an $id: registered once, referenced by routes, named components in OpenAPI. */

export const TicketPage = PageOf(Type.Ref(Ticket), 'TicketPage')
export const CommentPage = PageOf(Type.Ref(Comment), 'CommentPage')
export const CustomerPage = PageOf(Type.Ref(Customer), 'CustomerPage')
export const AssetPage = PageOf(Type.Ref(Asset), 'AssetPage')
export const StatusList = ListOf(Type.Ref(Status), 'StatusList')
export const PriorityList = ListOf(Type.Ref(Priority), 'PriorityList')
export const TicketTypeList = ListOf(Type.Ref(TicketType), 'TicketTypeList')
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
  Status,
  Priority,
  TicketType,
  TicketPage,
  CommentPage,
  CustomerPage,
  AssetPage,
  StatusList,
  PriorityList,
  TicketTypeList,
  ChangeEvent,
  ChangeEventPage,
  Subscription,
  CreatedSubscription,
  SubscriptionCreate,
  SubscriptionList,
  DeliveryAttempt,
  DeliveryAttemptList,
]
