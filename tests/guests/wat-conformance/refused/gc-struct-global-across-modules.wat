;; spec: Explainer.md "Instance definitions" (core instantiation); the GC proposal: a struct reference may be passed between modules
;; expect: GC reference types
(component
  (core module $a
    (type $s (struct (field i32)))
    (global (export "g") (ref null $s) (struct.new $s (i32.const 3))))
  (core instance $ai (instantiate $a))
  (core module $b
    (type $s (struct (field i32)))
    (import "a" "g" (global $g (ref null $s)))
    (func (export "f") (result i32) (struct.get $s 0 (global.get $g))))
  (core instance $bi (instantiate $b (with "a" (instance $ai))))
  (func (export "f") (result u32) (canon lift (core func $bi "f")))
)
