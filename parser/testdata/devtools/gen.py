import random, os, sys
frags = ["$","$!","\\","\\\\","#","##","#*","*#","#**","#[[","]]#","{","}","(",")","[","]",".","..",",",":",
 "a","b1","foo","-","_"," ","  ","\n","\t","'","\"","1","2.5","-3","true","false","set","#set(","#set (","if","#if(","#{if}(","#end","#{end}","#else","#elseif(",
 "#foreach(","#foreach","in","=","==","!","!=","&&","||","@","#@","e","<",">=","%","+","*","/","x","#macro(","#define(","#foo","#foo(","#{foo}","#break","#stop",
 "${","$!{","\\$","\\#","$[","$.","\\!","1..3","and","not","lt","eq","#literal(","\r\n","''",'""',"a-b","$a","$a.b","$a.b(","$a[0]","#include(", "\\\\$", "#evaluate("]
random.seed(int(sys.argv[2]))
n=int(sys.argv[1]); d=sys.argv[3]
os.makedirs(d, exist_ok=True)
for i in range(n):
    k=random.randint(1,14)
    s="".join(random.choice(frags) for _ in range(k))
    open(os.path.join(d,"f%05d.vtl"%i),"w").write(s)
