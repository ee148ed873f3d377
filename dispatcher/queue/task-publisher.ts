import type { TaskMessage } from '../../common/task-message.js';

/**
 * Puts tasks on the queue. Declared here, by its users (routes and the rejudge service); implemented by
 * RabbitTaskPublisher.
 */
export interface TaskPublisher {
  /**
   * Resolves once the broker has confirmed it stored the task (persistent, on the lane's queue).
   * @throws QueueUnavailableError when it did not (down, refused, or no confirm in time): the caller
   *   must then not report the task as accepted.
   */
  publish(task: TaskMessage): Promise<void>;
  /** Messages waiting on each lane's queue, or undefined when the broker cannot be asked now. */
  queueDepths(): Promise<Record<string, number> | undefined>;
  /** True while connected with a usable channel. */
  isReady(): boolean;
  close(): Promise<void>;
}

/** The broker did not take the task. Nothing was accepted: the client may retry. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}
