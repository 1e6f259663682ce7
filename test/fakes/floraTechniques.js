'use strict';
/**
 * The techniques the fake FLORA API knows: the 38 slugs listed on the API page, each with plausible
 * inputs/outputs (the page shows no technique body, so these shapes are our choice):
 *   { technique_id, slug, name, description, inputs: [{ id, name, type, required, description }],
 *     outputs: [{ id, name, type }], cost }   (cost in credits per run)
 */

const image = (id, name, required = true, description = undefined) => ({ id, name, type: 'imageUrl', required, description });
const video = (id, name, required = true, description = undefined) => ({ id, name, type: 'videoUrl', required, description });
const text = (id, name, required = true, description = undefined) => ({ id, name, type: 'text', required, description });
const out = (id, name, type = 'imageUrl') => ({ id, name, type });

/** [slug, name, description, inputs, outputs, cost] */
const CATALOG = [
	['art-directors-critique', "Art Director's Critique", 'Analyze, critique, and redesign any creative asset.',
		[image('creative_asset', 'Creative Asset')], [out('critique', 'Critique', 'text'), out('redesign', 'Redesign')], 12],
	['auto-translate', 'Auto Translate', 'Translate text in images instantly',
		[image('source_image', 'Source Image'), text('target_language', 'Target Language', true, 'e.g. German')], [out('translated_image', 'Translated Image')], 6],
	['book-drop', 'Book Drop', 'Mocks up front and back book covers',
		[image('front_cover', 'Front Cover'), image('back_cover', 'Back Cover')], [out('mockup', 'Mockup')], 8],
	['cctv-cam', 'CCTV Cam', 'Any face, CCTV style', [image('input_image', 'Input Image')], [out('cctv_still', 'CCTV Still')], 5],
	['character-lock', 'Character Lock', 'One character, 6 different angles',
		[image('character', 'Character')], [1, 2, 3, 4, 5, 6].map((n) => out(`angle_${n}`, `Angle ${n}`)), 18],
	['cinematic-movie-generator', 'Cinematic Movie Stills', 'Generate film-quality scene stills',
		[text('scene_prompt', 'Scene Prompt'), image('reference_image', 'Reference Image', false)], [out('still', 'Still')], 8],
	['color-mapping', 'Segment Mapper', 'Color-codes every element in your image', [image('image', 'Image')], [out('segment_map', 'Segment Map')], 4],
	['color-transfer', 'Color Transfer', 'Apply color grading from any reference',
		[image('image', 'Image'), image('reference', 'Color Reference')], [out('graded_image', 'Graded Image')], 5],
	['earth-zoom-out', 'Earth Zoom Out', 'Zoom out to space from any scene', [image('scene', 'Scene')], [out('zoom_video', 'Zoom Video', 'videoUrl')], 40],
	['facade-swap', 'Facade Swap', 'Reskin buildings with new materials',
		[image('building', 'Building'), text('material', 'Material', true, 'e.g. red brick')], [out('reskinned', 'Reskinned Building')], 6],
	['fit-checks', 'Fit Check', 'Extract outfits & swap onto new looks',
		[image('outfit', 'Outfit'), image('model', 'Model')], [out('fit_check', 'Fit Check')], 8],
	['glam-shots', 'Glam Shots', 'Create polished makeup ads instantly', [image('portrait', 'Portrait')], [out('glam_shot', 'Glam Shot')], 6],
	['icon-pack', 'Icon Pack', 'Generate matched icon sets from a prompt',
		[text('prompt', 'Prompt')], [1, 2, 3, 4].map((n) => out(`icon_${n}`, `Icon ${n}`)), 10],
	['live-like-an-amsterdammer', 'Live like an Amsterdammer', 'Places you into everyday Amsterdam scenes',
		[image('portrait', 'Portrait')], [out('amsterdam_scene', 'Amsterdam Scene')], 6],
	['location-scouter', 'Location Scout', 'Scouts five views from a single location',
		[image('location', 'Location')], [1, 2, 3, 4, 5].map((n) => out(`view_${n}`, `View ${n}`)), 15],
	['logo-stylist', 'Logo Stylist', 'Stylize any logo with a new visual twist',
		[image('logo', 'Logo'), text('style', 'Style', false, 'e.g. chrome, neon')], [out('styled_logo', 'Styled Logo')], 5],
	['memoji-me', 'Memoji Me', 'Turn any face into a custom memoji', [image('face', 'Face')], [out('memoji', 'Memoji')], 4],
	['moodboard-maker', 'Mood Board Maker', 'Eclectic mood board from a photo', [image('photo', 'Photo')], [out('moodboard', 'Mood Board')], 8],
	['mugshot', 'Mugshot', 'Turn any portrait into a mugshot', [image('portrait', 'Portrait')], [out('mugshot', 'Mugshot')], 4],
	['palette-pull', 'Palette Pull', 'Extract color palettes from any image',
		[image('image', 'Image')], [out('palette', 'Palette'), out('hex_codes', 'Hex Codes', 'text')], 3],
	['product-animator', 'Product Animator', 'Animate your product',
		[image('product_image', 'Product Image'), video('motion_reference', 'Motion Reference', false, 'Clip whose camera move is copied'),
			text('prompt', 'Prompt', false)],
		[out('animation', 'Animation', 'videoUrl')], 45],
	['product-lookbook-grid', 'Product Lookbook Grid', 'Turn products into styled grid layouts',
		[image('product_image', 'Product Image')], [out('lookbook_grid', 'Lookbook Grid')], 8],
	['product-motion', 'Product Motion', 'Animate product shots in one click',
		[image('product_image', 'Product Image')], [out('motion_video', 'Motion Video', 'videoUrl')], 40],
	['quick-reframe', 'Layout Resizer', 'Resize layouts for any aspect ratio',
		[image('layout', 'Layout'), text('aspect_ratio', 'Aspect Ratio', true, 'e.g. 9:16')], [out('resized_layout', 'Resized Layout')], 4],
	['relight-technique', 'Relighting', 'Relights your photo',
		[image('photo', 'Photo'), text('lighting', 'Lighting', false, 'e.g. golden hour')], [out('relit_photo', 'Relit Photo')], 5],
	['room-render', 'Room Render', 'Turn floor plans into realistic rooms',
		[image('floor_plan', 'Floor Plan'), text('style', 'Interior Style', false)], [out('room', 'Room Render')], 10],
	['seamless-transition', 'Seamless Transition', 'Animate between any two frames',
		[image('start_frame', 'Start Frame'), image('end_frame', 'End Frame')], [out('transition', 'Transition', 'videoUrl')], 40],
	['sigil', 'Sigil', 'Turns any image into an animated glyph', [image('image', 'Image')], [out('sigil', 'Sigil', 'videoUrl')], 30],
	['sketch-to-garment', 'Garment Sketch', 'One sketch, one final garment.', [image('sketch', 'Sketch')], [out('garment', 'Garment')], 6],
	['studio-blur', 'Studio Blur', 'Add pro depth-of-field blur to photos', [image('photo', 'Photo')], [out('blurred_photo', 'Blurred Photo')], 3],
	['studio-shot', 'Studio Shot', 'Turns any product into a studio-lit shoot',
		[image('product_image', 'Product Image', true, 'Photo of the product'), text('background', 'Background', false, 'e.g. soft grey sweep')],
		[out('studio_image', 'Studio Image')], 10],
	['tarot-pull', 'Tarot Pull', 'Custom illustrated tarot card readings',
		[text('question', 'Question')], [out('card', 'Card'), out('reading', 'Reading', 'text')], 6],
	['texture-matchers', 'Texture Match', 'Replicate textures & colors across assets',
		[image('asset', 'Asset'), image('texture_reference', 'Texture Reference')], [out('matched_asset', 'Matched Asset')], 6],
	['turn-any-product-into-4-ad-visuals', 'Turn any product into 4 ad visuals', 'Make a full ad campaign from 1 product',
		[image('product_image', 'Product Image')], [1, 2, 3, 4].map((n) => out(`ad_visual_${n}`, `Ad Visual ${n}`)), 20],
	['ugc-creation', 'UGC Creator', 'Casual, phone-shot clips of your product',
		[image('product_image', 'Product Image'), text('script', 'Script')], [out('ugc_clip', 'UGC Clip', 'videoUrl')], 50],
	['video-scene-builder', 'Video Scene Builder', 'Compose video scenes from still assets',
		[image('background', 'Background'), image('subject', 'Subject'), text('action', 'Action')], [out('scene', 'Scene', 'videoUrl')], 45],
	['wireframe', 'Photo Wireframe', 'Turn any photo into a clean wireframe', [image('photo', 'Photo')], [out('wireframe', 'Wireframe')], 3],
	['wonder-fy', 'Wonder(fy)', "Apply Wonder's cinematic style to images", [image('image', 'Image')], [out('wonderfied', 'Wonder(fy) Image')], 6],
];

function seedTechniques() {
	const techniques = new Map();
	CATALOG.forEach(([slug, name, description, inputs, outputs, cost], index) => {
		techniques.set(slug, {
			technique_id: `tech_${String(index + 1).padStart(4, '0')}`,
			slug,
			name,
			description,
			inputs: inputs.map((input) => JSON.parse(JSON.stringify(input))),
			outputs,
			cost,
		});
	});
	return techniques;
}

module.exports = { seedTechniques, CATALOG_SLUGS: CATALOG.map(([slug]) => slug) };
