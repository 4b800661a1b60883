;; spec: Explainer.md "Instance definitions": an argument whose type equals the import's is accepted
;; call: g({a: 1, b: 2}) => 3
(component
  (component $c
    (type $r (record (field "a" u32) (field "b" u32)))
    (import "r" (type $ri (eq $r)))
    (import "x" (func $x (param "p" $ri) (result u32)))
    (export "g" (func $x)))
  (type $r2 (record (field "a" u32) (field "b" u32)))
  (export $r2e "r" (type $r2))
  (core module $m
    (func (export "sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
  (core instance $mi (instantiate $m))
  (func $sum (param "p" $r2e) (result u32) (canon lift (core func $mi "sum")))
  (instance $ci (instantiate $c (with "r" (type $r2e)) (with "x" (func $sum))))
  (alias export $ci "g" (func $g))
  (export "g" (func $g)))
