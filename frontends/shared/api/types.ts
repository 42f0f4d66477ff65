// Shapes of the public v2 API (../shared/api-contract.md), as the storefront and the admin
// panel read them: one description of the contract for both apps.

export interface Money {
  amount: number; // minor units
  currency: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string };
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'admin';
  phone?: string | null;
}

export interface AuthResult {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  productCount: number;
}

export interface Variant {
  id: string;
  sku: string;
  name: string;
  price: Money;
  stock: number;
  attributes: Record<string, unknown>;
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  brand: string;
  category: { id: string; slug: string; name: string };
  price: Money;
  compareAtPrice: Money | null;
  images: string[];
  attributes: Record<string, unknown>;
  status: 'active' | 'draft' | 'archived';
  stock: number;
  variants: Variant[];
  rating: number | null;
  createdAt: string;
  updatedAt: string;
}

export type ProductSort = 'newest' | 'price_asc' | 'price_desc' | 'popular' | 'name';

export interface FacetValue {
  value: string;
  count: number;
}

export interface PriceFacet {
  min: number;
  max: number;
  count: number;
}

export interface SearchResult extends Page<Product> {
  facets?: { category?: FacetValue[]; brand?: FacetValue[]; price?: PriceFacet[] };
}

export interface CartItem {
  id: string;
  productId: string;
  variantId: string;
  sku: string;
  name: string;
  image: string | null;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  variantName?: string | null;
  /** Units in stock right now (the cart is re-priced and re-checked on every read). */
  available?: number;
}

export interface Cart {
  id: string | null;
  cartId?: string | null;
  items: CartItem[];
  /** Lines whose product was archived or removed since they were added. */
  unavailableItems?: Omit<CartItem, 'lineTotal'>[];
  itemCount: number;
  subtotal: Money;
}

export interface Address {
  id?: string;
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
  phone?: string | null;
}

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'refunded'
  | 'partially_refunded';

export interface OrderItem {
  productId: string;
  variantId: string;
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface Order {
  id: string;
  number: string;
  status: OrderStatus;
  email: string;
  items: OrderItem[];
  subtotal: Money;
  shipping: Money;
  tax: Money;
  total: Money;
  shippingAddress: Address;
  payment: { provider: string; status: string; clientSecret?: string; approvalUrl?: string };
  statusHistory: { status: OrderStatus; at: string }[];
  createdAt: string;
  shipment?: { carrier?: string; trackingNumber?: string } | null;
  refunded?: Money;
  carrier?: string;
  trackingNumber?: string;
}

export type PaymentProvider = 'test' | 'stripe' | 'paypal';

export interface PlaceOrderBody {
  shippingAddress?: Address;
  addressId?: string;
  email?: string;
  paymentProvider: PaymentProvider;
  /** Only the test provider takes a card here; Stripe's card form and PayPal collect their own. */
  paymentMethod?: { testCard: string };
}

/**
 * GET /v2/payments/config — proposed, not yet served (see docs/frontends.md): which providers
 * take new payments, and Stripe's publishable key for Stripe.js.
 */
export interface PaymentConfig {
  providers: PaymentProvider[];
  stripePublishableKey?: string | null;
}

/** POST /v2/orders/quote: what the order would cost, for the same cart selection as POST /v2/orders. */
export interface QuoteBody {
  /** Only the country decides shipping and tax, so a partly typed address can be quoted. */
  shippingAddress?: Partial<Address> & { country: string };
  addressId?: string;
}

export interface Quote {
  taxRate?: number; // basis points
  subtotal: Money;
  shipping: Money;
  tax: Money;
  total: Money;
}

// Admin panel only.

export interface AdminUser extends User {
  disabled?: boolean;
  createdAt?: string;
}

export interface AnalyticsSummary {
  activeUsers: number;
  orders: number;
  revenue: Money;
  averageOrderValue: Money;
  orderCompletionRate: number;
  paymentSuccessRate: number;
  cartAbandonmentRate: number;
  topProducts: { productId: string; name: string; units: number; revenue: Money }[];
  series: { date: string; orders: number; revenue: Money }[];
}

export interface NotificationDelivery {
  id: string;
  channel: string;
  template: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  recipient?: string;
  to?: string;
  userId?: string;
  error?: string | null;
}

export interface VariantDraft {
  id?: string;
  sku: string;
  name: string;
  price?: Money;
  stock: number;
  attributes?: Record<string, unknown>;
}

export interface ProductDraft {
  name: string;
  slug?: string;
  description: string;
  brand: string;
  categoryId: string;
  price: Money;
  compareAtPrice?: Money | null;
  images?: string[];
  attributes?: Record<string, unknown>;
  status: Product['status'];
  variants: VariantDraft[];
}
