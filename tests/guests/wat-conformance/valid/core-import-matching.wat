;; spec: core spec "Import Matching" (Explainer.md core instantiate: each import is matched against the export that fills it): a memory with a larger min and a smaller max, the same table, globals and function
;; call: run() => 1
(component
  (core module $a
    (memory (export "m") 1 2)
    (table (export "t") 1 funcref)
    (global (export "g") i32 (i32.const 7))
    (global (export "gm") (mut i32) (i32.const 7))
    (func (export "f") (param i32) (result i32) (local.get 0)))
  (core instance $ai (instantiate $a))
  (core module $b
    (import "a" "m" (memory 0 3)) (import "a" "t" (table 0 funcref)) (import "a" "g" (global i32)) (import "a" "gm" (global (mut i32))) (import "a" "f" (func (param i32) (result i32)))
    (func (export "run") (result i32) (i32.const 1)))
  (core instance $bi (instantiate $b (with "a" (instance $ai))))
  (func (export "run") (result u32) (canon lift (core func $bi "run"))))
