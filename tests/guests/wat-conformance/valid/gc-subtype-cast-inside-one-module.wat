;; spec: the GC proposal: non-final subtypes and ref.cast inside one module (Chicory runs them)
;; call: f() => 2
(component
  (core module $m
    (type $base (sub (struct (field i32))))
    (type $derived (sub $base (struct (field i32) (field i32))))
    (func (export "f") (result i32)
      (local $b (ref null $base))
      (local.set $b (struct.new $derived (i32.const 1) (i32.const 2)))
      (struct.get $derived 1 (ref.cast (ref $derived) (local.get $b)))))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
