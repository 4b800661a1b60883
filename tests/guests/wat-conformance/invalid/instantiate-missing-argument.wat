;; spec: Explainer.md "Instance definitions": every import of the instantiated component must be given
;; expect: missing argument "x"
(component
  (component $c
    (import "x" (func)))
  (instance (instantiate $c)))
