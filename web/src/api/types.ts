// Shapes of the public v2 API (see the contract); only the fields the storefront reads.

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
  paymentMethod?: { testCard: string };
}
