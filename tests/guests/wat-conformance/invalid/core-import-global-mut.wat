;; spec: core spec "Import Matching" (Explainer.md core instantiate: each import is matched against the export that fills it): a global must have the imported mutability
;; expect: does not match
(component
  (core module $a
    (memory (export "m") 1 2)
    (table (export "t") 1 funcref)
    (global (export "g") i32 (i32.const 7))
    (global (export "gm") (mut i32) (i32.const 7))
    (func (export "f") (param i32) (result i32) (local.get 0)))
  (core instance $ai (instantiate $a))
  (core module $b
    (import "a" "g" (global (mut i32)))
    (func (export "run") (result i32) (i32.const 1)))
  (core instance $bi (instantiate $b (with "a" (instance $ai))))
  (func (export "run") (result u32) (canon lift (core func $bi "run"))))
