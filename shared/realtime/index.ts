export { deliverToTopicShard } from './fan-out';
export { type ActionImplementation, bindAction, wsModule } from './middleware';
export {
  type ConnectionItem,
  connectionsOfUser,
  listShard,
  onlineCounts,
  presenceOf,
  removeConnection,
  subscribe,
  unsubscribe,
} from './repository';
export { postToMany } from './send';
export { createTicket } from './service';
export { shardOf } from './shards';
export { postToConnections, postToTopic, topicConnections } from './topic';
