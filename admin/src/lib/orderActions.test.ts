import { describe, expect, it } from 'vitest';
import { allowedActions } from './orderActions';

describe('order actions follow the state machine', () => {
  it.each([
    ['pending_payment', ['cancel']],
    ['paid', ['ship', 'refund', 'cancel']],
    ['shipped', ['deliver', 'refund']],
    ['delivered', ['refund']],
    ['partially_refunded', ['refund']],
    ['cancelled', []],
    ['refunded', []],
  ] as const)('%s → %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });
});
