;; spec: Explainer.md "Instance definitions" / "Subtyping": a function argument must have the
;; imported function's result type
;; expect: instantiation argument "x"
(component
  (component $c
    (import "x" (func (param "a" u32) (result u32))))
  (import "f" (func $f (param "a" u32) (result u64)))
  (instance (instantiate $c (with "x" (func $f)))))
