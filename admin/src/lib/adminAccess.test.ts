import { describe, expect, it } from 'vitest';
import { adminRefusal } from './adminAccess';

describe('admin access', () => {
  it('lets admins in', () => expect(adminRefusal({ role: 'admin' })).toBeNull());
  it('tells a customer clearly why not', () => expect(adminRefusal({ role: 'customer' })).toMatch(/customer account/));
  it('asks the signed-out to sign in', () => expect(adminRefusal(null)).toMatch(/sign in/i));
});
