;; spec: the GC proposal: struct types used inside one module (Chicory runs them)
;; call: f() => 5
(component
  (core module $m
    (type $s (struct (field i32)))
    (func (export "f") (result i32)
      (struct.get $s 0 (struct.new $s (i32.const 5)))))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
