CREATE (:A {s: 'x;y'}); // c;
MATCH (n) /* ; */ RETURN n;

;RETURN `a;b`