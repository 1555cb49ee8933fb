// Runs inline in <head> before the first paint, so a dark page never flashes light (or back).
// A stored choice wins; without one the system setting decides. Storage may be unavailable.
export const THEME_STORAGE_KEY = 'uwsgi-lab:theme';

export const themeInitScript = `(function(){var s;try{s=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)})}catch(e){}var d=s==='dark'||(s!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.dataset.theme=d?'dark':'light'})()`;
