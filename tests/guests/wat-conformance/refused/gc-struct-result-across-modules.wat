;; spec: the GC proposal: a function returning (ref $s) may be imported by another module whose $s is the same type
;; expect: GC reference types
(component
  (core module $a
    (type $s (struct (field i32)))
    (func (export "mk") (result (ref $s)) (struct.new $s (i32.const 8))))
  (core instance $ai (instantiate $a))
  (core module $b
    (type $s (struct (field i32)))
    (import "a" "mk" (func $mk (result (ref $s))))
    (func (export "f") (result i32) (struct.get $s 0 (call $mk))))
  (core instance $bi (instantiate $b (with "a" (instance $ai))))
  (func (export "f") (result u32) (canon lift (core func $bi "f")))
)
