;; spec: Explainer.md "Subtyping": an instance argument must export every export its import type names
;; expect: instantiation argument "i"
(component
  (component $c
    (import "i" (instance (export "g" (func)) (export "h" (func)))))
  (import "f" (func $f))
  (instance $arg (export "g" (func $f)))
  (instance (instantiate $c (with "i" (instance $arg)))))
