-- wrk script for bench/checkout.sh: each request checks out the next prepared guest cart
-- (X-Cart-Id, one per line in $CARTS_FILE) with a fresh Idempotency-Key and the test card.
-- Each wrk thread takes its own slice of the carts, so no cart is checked out twice; a
-- thread that runs out re-sends its last cart, which the server answers 409 cart_empty
-- (not counted: the script that drives wrk counts paid orders, not answers).

local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  carts = {}
  for line in io.lines(os.getenv("CARTS_FILE")) do carts[#carts + 1] = line end
  local threads = tonumber(os.getenv("WRK_THREADS") or "2")
  local per = math.floor(#carts / threads)
  next_cart = index * per
  last_cart = next_cart + per
  sent = 0
end

local body = '{"shippingAddress":{"name":"Bench","line1":"1 Load St","city":"Berlin",' ..
             '"country":"DE"},"email":"bench@example.com","paymentProvider":"test",' ..
             '"paymentMethod":{"testCard":"4242424242424242"}}'

function request()
  if next_cart < last_cart then next_cart = next_cart + 1 end
  sent = sent + 1
  return wrk.format("POST", "/v2/orders", {
    ["Content-Type"] = "application/json",
    ["X-Cart-Id"] = carts[next_cart],
    ["Idempotency-Key"] = "bench-" .. index .. "-" .. sent,
  }, body)
end
