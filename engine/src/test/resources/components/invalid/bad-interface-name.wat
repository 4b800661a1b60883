;; expect: not a valid interface name
(component
  (import "wasi:HTTP/types" (instance))
)
