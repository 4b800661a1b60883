;; spec: Explainer.md "Subtyping": an instance with more exports than its import type names is a subtype
;; call: g(3) => 6
(component
  (component $c
    (import "i" (instance $i (export "dbl" (func (param "a" u32) (result u32)))))
    (alias export $i "dbl" (func $dbl))
    (export "g" (func $dbl)))
  (core module $m
    (func (export "dbl") (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
    (func (export "other") (result i32) (i32.const 0)))
  (core instance $mi (instantiate $m))
  (func $dbl (param "a" u32) (result u32) (canon lift (core func $mi "dbl")))
  (func $other (result u32) (canon lift (core func $mi "other")))
  (instance $arg (export "dbl" (func $dbl)) (export "other" (func $other)))
  (instance $ci (instantiate $c (with "i" (instance $arg))))
  (alias export $ci "g" (func $g))
  (export "g" (func $g)))
