// js-hello: world-level export `greet` of world js-hello (world.wit).
export function greet(name) {
  return `Hello, ${name}!`;
}
