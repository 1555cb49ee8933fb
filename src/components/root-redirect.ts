// The site root has no content of its own: readers go to /ko/, or to /en/ when the browser
// prefers English over Korean. Runs inline, before anything renders.
export function rootRedirectScript(base: string): string {
  return `(function(){var l=(navigator.languages&&navigator.languages.length?navigator.languages:[navigator.language||'ko']);var p='ko';for(var i=0;i<l.length;i++){var c=String(l[i]).toLowerCase();if(c.indexOf('ko')===0){p='ko';break}if(c.indexOf('en')===0){p='en';break}}location.replace(${JSON.stringify(base)}+p+'/')})()`;
}
