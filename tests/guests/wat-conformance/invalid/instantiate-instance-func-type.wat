;; spec: Explainer.md "Subtyping": an instance argument must export every import's export, each a subtype
;; expect: instantiation argument "i"
(component
  (component $c
    (import "i" (instance (export "g" (func (param "a" u32))))))
  (import "f" (func $f (param "a" s32)))
  (instance $arg (export "g" (func $f)))
  (instance (instantiate $c (with "i" (instance $arg)))))
