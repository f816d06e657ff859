// The shop's checkout as its developers wrote it. The source-map test bundles and minifies it with
// esbuild (MinifiedBundle.cs), so the browser runs renamed functions on one line, and expects the
// collector to name this file and placeOrder again.
interface OrderLine {
  sku: string;
  price: number;
  quantity: number;
}

function totalOf(lines: OrderLine[]): number {
  return lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
}

function placeOrder(lines: OrderLine[] | undefined): number {
  if (!lines || lines.length === 0) {
    throw new TypeError('cannot place an order without lines');
  }
  return totalOf(lines);
}

(window as unknown as Record<string, unknown>).shopCheckout = () => placeOrder(undefined);
