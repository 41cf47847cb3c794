var box=document.getElementById('filter');
box.addEventListener('input',function(){
  var q=box.value.toLowerCase(),n=0,arts=document.querySelectorAll('article');
  for(var i=0;i<arts.length;i++){
    var ok=q===''||(arts[i].getAttribute('data-speakers')||'').indexOf(q)>=0;
    arts[i].style.display=ok?'':'none';if(ok)n++;
  }
  document.getElementById('shown').textContent=n;
});
