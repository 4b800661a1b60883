;; spec: Explainer.md "Subtyping": function types must have the same parameters
;; expect: instantiation argument "x"
(component
  (component $c
    (import "x" (func (param "a" u32))))
  (import "f" (func $f (param "a" u32) (param "b" u32)))
  (instance (instantiate $c (with "x" (func $f)))))
