import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import * as cartApi from '../api/cart';
import type { Cart } from '@shared/api/types';
import { getGuestCartId } from '../lib/guestCart';
import { track } from '../api/analytics';

const CART = ['cart'] as const;

export function useCart() {
  return useQuery({ queryKey: CART, queryFn: cartApi.getCart, staleTime: 10_000 });
}

/** After sign-in: one cart call with both the token and the guest id merges the carts. */
export async function mergeGuestCart(queryClient: QueryClient): Promise<void> {
  if (getGuestCartId()) {
    try {
      queryClient.setQueryData(CART, await cartApi.getCart());
      return;
    } catch {
      // The guest id stays; the next cart call retries the merge.
    }
  }
  await queryClient.invalidateQueries({ queryKey: CART });
}

export function useAddToCart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cartApi.addToCart,
    onSuccess: (cart: Cart, vars) => {
      queryClient.setQueryData(CART, cart);
      track('add_to_cart', { productId: vars.productId, properties: { variantId: vars.variantId, quantity: vars.quantity } });
    },
  });
}

export function useSetQuantity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, quantity }: { itemId: string; quantity: number }) =>
      cartApi.setQuantity(itemId, quantity),
    onSuccess: (cart) => queryClient.setQueryData(CART, cart),
  });
}

export function useRemoveItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cartApi.removeItem,
    onSuccess: (cart) => {
      if (cart && Array.isArray(cart.items)) queryClient.setQueryData(CART, cart);
      else void queryClient.invalidateQueries({ queryKey: CART });
    },
  });
}
